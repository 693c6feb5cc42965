/** What the worker tells the hook process, one JSON object per line on its stdout. */
export type WorkerMessage =
  /** Text the hook prints on stdout for Claude Code (SessionStart's context). */
  | { type: 'output'; text: string }
  /** A line for stderr: already redacted, one line, with its code. */
  | { type: 'diagnostic'; code: string; message: string }
  /** The part the hook waits for is over; the worker may go on alone (posting leftovers). */
  | { type: 'done' };

/** The line for a message. */
export function encodeMessage(message: WorkerMessage): string {
  return JSON.stringify(message) + '\n';
}

/** The message on a line, or undefined for anything else (a stray log line, say). */
export function decodeMessage(line: string): WorkerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const m = value as Partial<Record<string, unknown>> | null;
  if (m?.['type'] === 'done') return { type: 'done' };
  if (m?.['type'] === 'output' && typeof m['text'] === 'string')
    return { type: 'output', text: m['text'] };
  if (
    m?.['type'] === 'diagnostic' &&
    typeof m['code'] === 'string' &&
    typeof m['message'] === 'string'
  ) {
    return { type: 'diagnostic', code: m['code'], message: m['message'] };
  }
  return undefined;
}
