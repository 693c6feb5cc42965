type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A slash command as Claude Code records it: `<command-name>/init</command-name>...` (1.x put `<command-message>` first). */
const SLASH_COMMAND = /^\s*(?:<command-message>[\s\S]*?<\/command-message>\s*)?<command-name>/;

/**
 * User records that nobody typed: what Claude Code injects (background task notifications, the
 * output of local commands and `!` shell commands, hook output, system reminders, interruption
 * notices, the summary that continues a compacted session).
 */
const INJECTED =
  /^\s*(?:<(?:task-notification|local-command-stdout|local-command-stderr|local-command-caveat|command-stdout|command-stderr|bash-input|bash-stdout|bash-stderr|user-prompt-submit-hook|system-reminder)>|\[Request interrupted|This session is being continued from a previous conversation|Caveat: The messages below were generated|[\w:]+ hook (?:feedback|blocking error|error)\b)/i;

/** The text and images of a user record's content, or undefined if it holds tool results. */
function promptContent(rec: Rec): { text: string; images: boolean } | undefined {
  const message = rec['message'];
  const content = isRec(message) ? message['content'] : undefined;
  if (typeof content === 'string') return { text: content, images: false };
  if (!Array.isArray(content)) return undefined;
  const blocks = content.filter(isRec);
  if (blocks.some((b) => b['type'] === 'tool_result')) return undefined;
  const text = blocks.map((b) => (typeof b['text'] === 'string' ? b['text'] : '')).join('');
  return { text, images: blocks.some((b) => b['type'] === 'image') };
}

/**
 * Whether a transcript record is a turn of the person's: a prompt they typed (text, or a pasted
 * image) or a slash command they ran (`/init`, `/review ...`). Not a turn: tool results, records
 * Claude Code marks as meta (the expansion of a slash command, caveats), compaction summaries,
 * subagents' records, and everything Claude Code injects as if the user had said it
 * (`<task-notification>`, command and hook output, interruptions).
 */
export function isTurn(rec: Rec): boolean {
  if (rec['type'] !== 'user' || rec['isSidechain'] === true) return false;
  if (rec['isMeta'] === true || rec['isCompactSummary'] === true) return false;
  if (rec['isVisibleInTranscriptOnly'] === true || rec['toolUseResult'] !== undefined) return false;
  const content = promptContent(rec);
  if (content === undefined) return false;
  if (SLASH_COMMAND.test(content.text)) return true;
  // Other command tags (a `<command-message>` alone) and injected text are not typed.
  if (/^\s*<command-/.test(content.text) || INJECTED.test(content.text)) return false;
  return content.text.trim() !== '' || content.images;
}
