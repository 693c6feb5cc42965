import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './cli.js';
import { ENGINES, hub, untilLive } from './cli.js';

interface ChangeLine {
  seq: number;
  table: string;
  op: string;
  row: {
    id: number;
    text: string;
    channel: string;
    senderName: string;
    sentAt: string;
    seq: number;
    type: string;
  };
}

const parse = (lines: string[]) =>
  lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ChangeLine);
const texts = (lines: string[]) =>
  parse(lines)
    .filter((c) => c.table === 'messages' && c.op === 'insert')
    .map((c) => c.row.text);

describe.each(ENGINES)('subscribe (two processes, %s)', (engine) => {
  let h: Hub;
  beforeAll(async () => {
    h = await hub(['agent-a', 'agent-b'], engine);
  });
  afterAll(() => h.close());

  it('streams one JSON object per change, as another process commits, each once', async () => {
    const sub = h.start('agent-b', 'subscribe', '--channel', 'agent-logs', '--json');
    await untilLive(sub, (n) =>
      h.as('agent-a', 'messages', 'send', '--channel', 'agent-logs', '--text', `warm-up ${n}`),
    );
    for (const text of ['first', 'second', 'third']) {
      expect(
        (await h.as('agent-a', 'messages', 'send', '--channel', '#agent-logs', '--text', text))
          .code,
      ).toBe(0);
    }
    // A message in another channel must not appear in this filtered stream.
    expect(
      (await h.as('agent-a', 'messages', 'send', '--channel', 'general', '--text', 'elsewhere'))
        .code,
    ).toBe(0);
    await h.as('agent-a', 'messages', 'send', '--channel', 'agent-logs', '--text', 'last');
    await sub.waitFor((lines) => texts(lines).includes('last'));
    sub.child.kill('SIGINT');
    expect(await sub.exit).toBe(0);

    const got = texts(sub.lines).filter((t) => !t.startsWith('warm-up'));
    expect(got).toEqual(['first', 'second', 'third', 'last']);
    const first = parse(sub.lines).find((c) => c.row.text === 'first')!;
    expect(first.row).toMatchObject({
      channel: 'agent-logs',
      senderName: 'agent-a',
      type: 'Text',
      seq: first.seq,
    });
    expect(new Date(first.row.sentAt).toISOString()).toBe(first.row.sentAt);
    const seqs = parse(sub.lines).map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('--since resumes after a seq: the backlog first, nothing twice, then live changes', async () => {
    const sent = await h.json<{ seq: number }>(
      'agent-a',
      'messages',
      'send',
      '--channel',
      'agent-logs',
      '--text',
      'before-resume',
    );
    await h.as('agent-a', 'messages', 'send', '--channel', 'agent-logs', '--text', 'after-1');
    await h.as('agent-a', 'messages', 'send', '--channel', 'agent-logs', '--text', 'after-2');
    const sub = h.start(
      undefined,
      'subscribe',
      '--channel',
      'agent-logs',
      '--json',
      '--since',
      String(sent.seq),
    );
    await sub.waitFor((lines) => texts(lines).includes('after-2'));
    await h.as('agent-a', 'messages', 'send', '--channel', 'agent-logs', '--text', 'live');
    await sub.waitFor((lines) => texts(lines).includes('live'));
    sub.child.kill('SIGTERM');
    expect(await sub.exit).toBe(0);
    expect(texts(sub.lines)).toEqual(['after-1', 'after-2', 'live']);
    expect(parse(sub.lines).every((c) => c.seq > sent.seq)).toBe(true);
  });

  it('refuses a bad --since with a usage error', async () => {
    const r = await h.as(undefined, 'subscribe', '--since', 'yesterday');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --since must be a number; got "yesterday" [invalid_argument]\n');
  });
});
