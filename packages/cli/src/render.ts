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

/** `HH:MM:SS` of a microsecond timestamp, in local time. */
export function clockOf(micros: bigint): string {
  return new Date(Number(micros / 1000n)).toTimeString().slice(0, 8);
}

/** One chat line: `12:01:02 #agent-logs alice: text`, styled by message type. */
export function chatLine(
  m: MessageJson & { sentAt: string },
  c: Colors,
  showChannel = true,
): string {
  const time = c.dim(new Date(m.sentAt).toTimeString().slice(0, 8));
  const where = showChannel ? ' ' + c.cyan(`#${m.channel}`) : '';
  const id = c.dim(`[${String(m.id)}]`);
  const edited = m['editedAt'] !== undefined ? c.dim(' (edited)') : '';
  const topic = m['topicId'] !== undefined ? c.yellow(` {topic ${String(m['topicId'])}}`) : '';
  const who = m['webhook'] ? `${c.bold(m.senderName)} ${c.dim('[webhook]')}` : c.bold(m.senderName);
  switch (m.type) {
    case 'System':
    case 'Join':
    case 'Leave':
      return `${time}${where} ${id} ${c.dim(`* ${m.senderName} ${m.text}`)}`;
    case 'AgentEvent':
      return `${time}${where} ${id} ${c.bold(m.senderName)} ${c.magenta(`⚡ ${m.text}`)}${topic}`;
    default:
      return `${time}${where} ${id} ${who}:${topic} ${m.text}${edited}`;
  }
}
