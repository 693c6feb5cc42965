import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSubagentTranscripts } from './subagents.js';
import { fixture, fixturePath } from './testing/fixtures.js';
import { shopSession } from './testing/sessions.js';
import { writeSession } from './testing/transcriptBuilder.js';
import { analyzeTranscript, parseTranscript, readTranscript, relativeToCwd } from './transcript.js';
import type { TranscriptFacts } from './transcript.js';

const CWD = '/home/dev/projects/spaces';

describe('analyzeTranscript, a 2.1 session with a subagents folder', () => {
  const session = shopSession();
  let dir = '';
  let facts: TranscriptFacts;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spaces-hooks-'));
    const path = await writeSession(dir, session.sessionId, session.main, session.subagents);
    const subagents = await readSubagentTranscripts(path);
    facts = analyzeTranscript((await readTranscript(path)) ?? '', session.cwd, subagents);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("counts the person's turns: typed prompts and slash commands, nothing injected", () => {
    // /init, the cart prompt, /cost, "Continue..."; not the /init expansion, the task
    // notification, /cost's output, the compaction summary, the hook feedback, the interruption.
    expect(facts.turns).toBe(4);
  });

  it("counts the main agent's tools and files apart from the subagents'", () => {
    expect(facts.tools).toEqual({
      Glob: 1,
      Read: 1,
      Write: 2,
      Task: 2,
      Bash: 1,
      Edit: 3,
      MultiEdit: 1,
    });
    expect(facts.filesEdited).toEqual([
      'CLAUDE.md',
      'src/cart/cart.ts',
      'src/cart/cart.test.ts',
      'src/checkout/checkout.ts',
      'src/checkout/steps.ts',
    ]);
  });

  it("reads the subagents' own transcripts and marks their work as theirs", () => {
    expect(facts.subagents).toEqual({
      count: 2,
      types: ['Explore', 'general-purpose'],
      tools: { Read: 21, Grep: 10, Glob: 3, Edit: 2 },
      // src/cart/cart.ts was edited by the main agent too, and is listed as the main agent's.
      filesEdited: ['src/payments/adapter.ts'],
    });
  });

  it('measures active time, leaving the two hours away out', () => {
    expect(facts.firstTimestamp).toBe('2026-01-20T09:00:00.000Z');
    expect(facts.elapsedMs).toBe(2 * 3_600_000 + 6 * 60_000);
    expect(facts.activeMs).toBe(6 * 60_000 + 14_000);
  });

  it('keeps the directory the session started in, and the latest branch', () => {
    expect(facts.firstCwd).toBe('/home/dev/projects/shop');
    expect(facts.gitBranch).toBe('feat/cart');
  });

  it('finds no subagents for a transcript without a folder, or with no path', async () => {
    expect(await readSubagentTranscripts(join(dir, 'other.jsonl'))).toEqual([]);
    expect(await readSubagentTranscripts('')).toEqual([]);
  });
});

describe('analyzeTranscript, a session with inline sidechain records (1.x)', () => {
  const facts = analyzeTranscript(fixture('transcript.jsonl'), CWD);

  it("counts the main agent's tool uses, failed ones included", () => {
    expect(facts.tools).toEqual({
      Read: 1,
      Bash: 2,
      Write: 3,
      Edit: 2,
      Grep: 1,
      MultiEdit: 1,
      NotebookEdit: 1,
    });
  });

  it("counts the sidechain's work as a subagent's", () => {
    expect(facts.subagents).toEqual({
      count: 1,
      types: [],
      tools: { Edit: 1 },
      filesEdited: ['docs/notes.md'],
    });
  });

  it('lists edited files once each, relative to cwd when inside it, failed edits left out', () => {
    expect(facts.filesEdited).toEqual([
      'src/config.ts',
      'src/server.ts',
      'src/config.test.ts',
      'notebooks/explore.ipynb',
      '/tmp/scratch/plan.txt',
    ]);
  });

  it('counts typed prompts and the slash command, not meta records or interruptions', () => {
    expect(facts.turns).toBe(4);
  });

  it('measures the time from the first to the last timestamp, all of it active here', () => {
    expect(facts.firstTimestamp).toBe('2025-06-01T10:00:00.000Z');
    expect(facts.lastTimestamp).toBe('2025-06-01T10:12:34.500Z');
    expect(facts.elapsedMs).toBe(12 * 60_000 + 34_500);
    expect(facts.activeMs).toBe(facts.elapsedMs);
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
      elapsedMs: 0,
      activeMs: 0,
      tools: {},
      filesEdited: [],
      subagents: { count: 0, types: [], tools: {}, filesEdited: [] },
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
