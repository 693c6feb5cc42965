import { inert, inertBlock } from './inert.js';
import { isoOfMicros, toJson } from './json.js';
import type { Colors } from './output.js';
import type { Message } from './types.js';

/** What `--json` prints for a message: ids, names resolved, times in ISO-8601, and its seq. */
export interface MessageJson {
  id: unknown;
  channel: string;
  channelId: unknown;
  sender: string;
  senderName: string;
  type: string;
  text: string;
  sentAt: string;
  seq: unknown;
  [more: string]: unknown;
}

/** The JSON form of a message; `seq` is the commit that wrote it, or null when unknown. */
export function messageJson(
  message: Message,
  channel: string,
  names: ReadonlyMap<string, string>,
  seq: bigint | undefined,
): MessageJson {
  const row = toJson(message) as Record<string, unknown>;
  const { kind, editHistory, ...rest } = row;
  // A webhook's post is the webhook's: named as it, not as the person who created it.
  const webhook =
    message.webhookId === undefined
      ? null
      : {
          id: toJson(message.webhookId),
          name: message.webhookName ?? `webhook ${message.webhookId}`,
        };
  const out: MessageJson = {
    id: row['id'],
    channel,
    channelId: row['channelId'],
    sender: message.sender,
    senderName: webhook?.name ?? names.get(message.sender) ?? message.sender.slice(0, 12),
    webhook,
    type: String(kind),
    text: message.text,
    sentAt: isoOfMicros(message.sentAt),
    seq: seq === undefined ? null : toJson(seq),
  };
  for (const [k, v] of Object.entries(rest)) if (!(k in out)) out[k] = v;
  if (typeof editHistory === 'string' && editHistory !== '[]')
    out['editHistory'] = safeParse(editHistory);
  return out;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Lines after a message's first start here, under its text and never at the left edge, where
// the output's own lines start: a message cannot forge a line from someone else.
const CONTINUATION = ' '.repeat(9) + '| ';

/**
 * Who a chat line says wrote a message, inert. A webhook's post carries the webhook's name and a
 * `[webhook]` mark, so it never passes for its creator's own words.
 */
export function senderLabel(m: MessageJson, c: Colors): string {
  const name = c.bold(inert(m.senderName));
  return m['webhook'] ? `${name} ${c.dim('[webhook]')}` : name;
}

/**
 * One chat line: `12:01:02 #agent-logs alice: text`, styled by message type. Everything a user
 * wrote is inert: controls are shown as escapes, and further lines of a message are indented.
 */
export function chatLine(m: MessageJson, c: Colors, showChannel = true): string {
  const time = c.dim(clockOf(m.sentAt));
  const where = showChannel ? ' ' + c.cyan(`#${inert(m.channel)}`) : '';
  const id = c.dim(`[${String(m.id)}]`);
  const edited = m['editedAt'] !== undefined ? c.dim(' (edited)') : '';
  const topic = m['topicId'] !== undefined ? c.yellow(` {topic ${String(m['topicId'])}}`) : '';
  const text = inertBlock(m.text, CONTINUATION);
  const who = senderLabel(m, c);
  switch (m.type) {
    case 'System':
    case 'Join':
    case 'Leave':
      return `${time}${where} ${id} ${c.dim(`* ${who} ${text}`)}`;
    case 'AgentEvent':
      return `${time}${where} ${id} ${who} ${c.magenta(`⚡ ${text}`)}${topic}`;
    default:
      return `${time}${where} ${id} ${who}:${topic} ${text}${edited}`;
  }
}

/** `HH:MM:SS` in local time of an ISO-8601 time, or `??:??:??` for a placeholder. */
function clockOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '??:??:??' : date.toTimeString().slice(0, 8);
}

/** A marked line in place of something that could not be shown, saying why. */
export function placeholder(what: string, error: unknown, c: Colors): string {
  const why = error instanceof Error ? error.message : String(error);
  return c.yellow(`⟨${what} could not be shown: ${inert(why.slice(0, 200))}⟩`);
}
