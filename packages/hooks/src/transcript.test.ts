import { describe, expect, it } from 'vitest';
import { fixture, fixturePath } from './testing/fixtures.js';
import { analyzeTranscript, parseTranscript, readTranscript, relativeToCwd } from './transcript.js';

const CWD = '/home/dev/projects/spaces';

describe('analyzeTranscript', () => {
  const facts = analyzeTranscript(fixture('transcript.jsonl'), CWD);

  it('counts tool uses by name, failed and subagent ones included', () => {
    expect(facts.tools).toEqual({
      Read: 1,
      Bash: 2,
      Write: 3,
      Edit: 3,
      Grep: 1,
      MultiEdit: 1,
      NotebookEdit: 1,
    });
  });

  it('lists edited files once each, relative to cwd when inside it, failed edits left out', () => {
    expect(facts.filesEdited).toEqual([
      'src/config.ts',
      'src/server.ts',
      'src/config.test.ts',
      'docs/notes.md',
      'notebooks/explore.ipynb',
      '/tmp/scratch/plan.txt',
    ]);
  });

  it('counts typed prompts only, not slash-command echoes, meta records or interruptions', () => {
    expect(facts.turns).toBe(3);
  });

  it('measures the duration from the first to the last timestamp', () => {
    expect(facts.firstTimestamp).toBe('2025-06-01T10:00:00.000Z');
    expect(facts.lastTimestamp).toBe('2025-06-01T10:12:34.500Z');
    expect(facts.durationMs).toBe(12 * 60_000 + 34_500);
  });

  it("takes the main agent's last reply, joining the blocks of one message", () => {
    expect(facts.lastAssistantText).toMatch(/^Done\. Tests pass\./);
    expect(facts.lastAssistantText).toMatch(/see the notebook for an example\.$/);
    expect(facts.lastAssistantText).not.toContain('Subagent');
  });

  it('reads the branch from the records and skips the cut-off last line', () => {
    expect(facts.gitBranch).toBe('feat/hooks');
    expect(facts.skippedLines).toBe(1);
  });

  it('gives empty facts for an empty transcript', () => {
    expect(analyzeTranscript('', CWD)).toEqual({
      durationMs: 0,
      tools: {},
      filesEdited: [],
      turns: 0,
      skippedLines: 0,
    });
  });

  it('counts a tool use written twice (same id) once', () => {
    const line = JSON.stringify({
      type: 'assistant',
      message: { id: 'm', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] },
    });
    expect(analyzeTranscript(`${line}\n${line}\n`, CWD).tools).toEqual({ Bash: 1 });
  });
});

describe('parseTranscript', () => {
  const line = (rec: unknown): string => JSON.stringify(rec);
  const toolResult = (id: string, isError: boolean) =>
    line({
      type: 'user',
      timestamp: '2025-06-01T10:00:00Z',
      message: {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: id, content: 'x'.repeat(10_000), is_error: isError },
        ],
      },
    });

  it('does not decode large successful tool results, but keeps failed ones', () => {
    const { records } = parseTranscript(
      [toolResult('ok', false), toolResult('bad', true)].join('\n'),
    );
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records[0])).toContain('"bad"');
  });

  it('keeps a long reply that only talks about tool results', () => {
    const reply = line({
      type: 'assistant',
      message: {
        content: [
          { type: 'text', text: `{"type":"user","type":"tool_result"} ${'y'.repeat(5000)}` },
        ],
      },
    });
    expect(parseTranscript(reply).records).toHaveLength(1);
  });

  it('skips blank lines, non-objects and broken JSON', () => {
    const { records, skippedLines } = parseTranscript('{"a":1}\n\n[1]\n"x"\n{"b":\n{"c":3}');
    expect(records).toEqual([{ a: 1 }, { c: 3 }]);
    expect(skippedLines).toBe(3);
  });
});

describe('readTranscript', () => {
  it('reads a file, and a missing or unnamed one as undefined', async () => {
    const bytes = await readTranscript(fixturePath('transcript-turn1.jsonl'));
    expect(bytes?.toString('utf8')).toContain('"toolu_01"');
    expect(await readTranscript(fixturePath('no-such-transcript.jsonl'))).toBeUndefined();
    expect(await readTranscript('')).toBeUndefined();
  });
});

describe('relativeToCwd', () => {
  it('relativises paths inside cwd only', () => {
    expect(relativeToCwd('/a/b/c.ts', '/a/b')).toBe('c.ts');
    expect(relativeToCwd('/a/bc/d.ts', '/a/b')).toBe('/a/bc/d.ts');
    expect(relativeToCwd('/a/b', '/a/b')).toBe('/a/b');
    expect(relativeToCwd('src/x.ts', '/a/b')).toBe('src/x.ts');
  });
});
