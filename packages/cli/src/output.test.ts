import { describe, expect, it } from 'vitest';
import { colorEnabled, createOutput } from './output.js';

function sink(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => (chunks.push(s), true) } };
}

describe('output', () => {
  it('colours only a TTY, and never with NO_COLOR', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
  });

  it('prints a list as a JSON array under --json, and as an aligned table otherwise', async () => {
    const rows = [
      { id: 1n, name: 'general' },
      { id: 22n, name: 'agent-logs' },
    ];
    const columns = [
      { head: 'ID', cell: (r: (typeof rows)[number]) => String(r.id) },
      { head: 'NAME', cell: (r: (typeof rows)[number]) => r.name },
    ];
    const json = sink();
    await createOutput(true, json.stream, json.stream, {}).list(rows, columns, (r) => r, 'none');
    expect(JSON.parse(json.chunks.join(''))).toEqual([
      { id: 1, name: 'general' },
      { id: 22, name: 'agent-logs' },
    ]);

    const text = sink();
    await createOutput(false, text.stream, text.stream, {}).list(rows, columns, (r) => r, 'none');
    expect(text.chunks.join('')).toBe('ID  NAME\n1   general\n22  agent-logs\n');
  });

  it('prints the empty message for an empty list, but [] under --json', async () => {
    const text = sink();
    await createOutput(false, text.stream, text.stream, {}).list([], [], (r) => r, 'no channels');
    expect(text.chunks.join('')).toBe('no channels\n');
    const json = sink();
    await createOutput(true, json.stream, json.stream, {}).list([], [], (r) => r, 'no channels');
    expect(JSON.parse(json.chunks.join(''))).toEqual([]);
  });

  it('shows progress only on a TTY', () => {
    const tty = sink(true);
    const p = createOutput(false, tty.stream, tty.stream, {}).progress('verifying');
    p.update(5, 10);
    p.done();
    expect(tty.chunks.join('')).toContain('verifying 5/10 (50%)');
    const pipe = sink(false);
    createOutput(false, pipe.stream, pipe.stream, {}).progress('verifying').update(5, 10);
    expect(pipe.chunks).toEqual([]);
  });
});
