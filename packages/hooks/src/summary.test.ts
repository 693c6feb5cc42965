import { describe, expect, it } from 'vitest';
import { REDACTED } from './redact.js';
import {
  MESSAGE_LIMIT,
  PAYLOAD_LIMIT,
  buildSessionSummary,
  listWithMore,
  summaryChanged,
} from './summary.js';
import { PLANTED_KEY, PLANTED_PASSWORD, fixture } from './testing/fixtures.js';
import { analyzeTranscript } from './transcript.js';
import type { TranscriptFacts } from './transcript.js';
import type { SessionSummaryPayload } from './summary.js';

const CWD = '/home/dev/projects/spaces';
const SESSION = '5d8f3c2a-1b7e-4c9a-9f61-2e4b8a7c0d13';
const facts = analyzeTranscript(fixture('transcript.jsonl'), CWD);

describe('buildSessionSummary', async () => {
  const { text, payload } = await buildSessionSummary({
    sessionId: SESSION,
    projectDir: CWD,
    facts,
  });

  it('names the project, its path and branch', () => {
    expect(text.split('\n')[0]).toBe(
      'Session summary: spaces (/home/dev/projects/spaces) on feat/hooks',
    );
  });

  it('lists tools by use with counts, and the edited files', () => {
    expect(text).toContain(
      'Tools: Write ×3, Bash ×2, Edit ×2, Grep ×1, MultiEdit ×1, NotebookEdit ×1, Read ×1 (11 calls)',
    );
    expect(text).toContain('Subagents (1): Edit ×1 (1 call)');
    expect(text).toContain(
      'Files edited (5): src/config.ts, src/server.ts, src/config.test.ts, notebooks/explore.ipynb, /tmp/scratch/plan.txt',
    );
    expect(text).toContain('Files edited by subagents (1): docs/notes.md');
    expect(text).toContain('Duration: 12m 34s, 4 turns');
    expect(text).toContain(`Session: ${SESSION}`);
  });

  it('says what was done, with no secret left in it', () => {
    expect(text).toMatch(/^Done: Done\. Tests pass\./m);
    expect(text).not.toContain(PLANTED_KEY);
    expect(text).not.toContain(PLANTED_PASSWORD);
    expect(text).toContain(REDACTED);
    expect(JSON.stringify(payload)).not.toContain(PLANTED_PASSWORD);
  });

  it('prefers the Stop input message to the transcript, which may lag', async () => {
    const fresh = await buildSessionSummary({
      sessionId: SESSION,
      projectDir: CWD,
      facts,
      lastAssistantMessage: 'Shipped the fresher reply.',
    });
    expect(fresh.text).toContain('Done: Shipped the fresher reply.');
  });

  it('builds the session.summary@1 payload', () => {
    expect(payload).toEqual({
      sessionId: SESSION,
      project: 'spaces',
      branch: 'feat/hooks',
      tools: { Write: 3, Bash: 2, Edit: 2, Grep: 1, MultiEdit: 1, NotebookEdit: 1, Read: 1 },
      files: facts.filesEdited,
      fileCount: 5,
      subagents: {
        count: 1,
        types: [],
        tools: { Edit: 1 },
        files: ['docs/notes.md'],
        fileCount: 1,
      },
      durationMs: 754_500,
      elapsedMs: 754_500,
      turns: 4,
    });
  });

  it('stays within the message and payload limits however much happened, counts exact', async () => {
    const many = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => `src/${'deep/'.repeat(20)}${prefix}-${i}.ts`);
    const tools = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`mcp__server__tool_${i}`, i + 1]),
    );
    const huge: TranscriptFacts = {
      activeMs: 1,
      elapsedMs: 1,
      turns: 1,
      skippedLines: 0,
      tools,
      filesEdited: many(2000, 'main'),
      subagents: { count: 40, types: [], tools, filesEdited: many(1500, 'sub') },
      lastAssistantText: 'word '.repeat(5000),
    };
    const big = await buildSessionSummary({
      sessionId: SESSION,
      projectDir: '/x/' + 'y'.repeat(5000),
      facts: huge,
    });
    expect(big.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(big.text).toMatch(/\+\d+ more/);
    expect(big.text).toContain('Files edited (2000): ');
    expect(big.text).toContain(`Session: ${SESSION}`);
    expect(JSON.stringify(big.payload).length).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(big.payload.fileCount).toBe(2000);
    expect(big.payload.subagents.fileCount).toBe(1500);
    expect(big.payload.files.length).toBeGreaterThan(0);
  });

  it('says so when nothing was recorded yet (a missing transcript)', async () => {
    const empty = await buildSessionSummary({
      sessionId: SESSION,
      projectDir: CWD,
      facts: analyzeTranscript('', CWD),
    });
    expect(empty.text).toContain('Done: (no reply recorded yet)');
    expect(empty.text).toContain('Tools: none');
    expect(empty.text).toContain('Files edited: none');
    expect(empty.text).toContain('Duration: unknown, 0 turns');
    expect(empty.payload.branch).toBeNull();
  });
});

describe('listWithMore', () => {
  it('caps by count and by characters, saying how many were left out', () => {
    expect(listWithMore(['a', 'b', 'c', 'd'], 2, 100)).toBe('a, b, +2 more');
    expect(listWithMore(['aaaa', 'bbbb', 'cccc'], 10, 9)).toBe('aaaa, +2 more');
    expect(listWithMore([], 3, 10)).toBe('');
  });
});

describe('summaryChanged', () => {
  const base: SessionSummaryPayload = {
    sessionId: 's',
    project: 'spaces',
    branch: 'main',
    tools: { Read: 2, Edit: 1 },
    files: ['a.ts', 'b.ts'],
    fileCount: 2,
    subagents: { count: 1, types: [], tools: { Grep: 3 }, files: ['c.ts'], fileCount: 1 },
    durationMs: 1000,
    elapsedMs: 1000,
    turns: 1,
  };

  it('is news when nothing was emitted before, or the previous payload is unreadable', () => {
    expect(summaryChanged(undefined, base)).toBe(true);
    expect(summaryChanged('junk', base)).toBe(true);
  });

  it('is not news when only counts, turns and duration grew, or files were reordered', () => {
    const later = { ...base, tools: { Read: 9, Edit: 4 }, files: ['b.ts', 'a.ts'], turns: 7 };
    expect(summaryChanged(base, { ...later, durationMs: 99_000 })).toBe(false);
  });

  it('is news when a tool, file, branch or project is new', () => {
    expect(summaryChanged(base, { ...base, tools: { ...base.tools, Bash: 1 } })).toBe(true);
    expect(summaryChanged(base, { ...base, files: [...base.files, 'c.ts'], fileCount: 3 })).toBe(
      true,
    );
    // Past the listed names, the exact count still tells a new file.
    expect(summaryChanged(base, { ...base, fileCount: 3 })).toBe(true);
    const sub = base.subagents;
    expect(
      summaryChanged(base, { ...base, subagents: { ...sub, tools: { Grep: 3, Read: 1 } } }),
    ).toBe(true);
    expect(
      summaryChanged(base, {
        ...base,
        subagents: { ...sub, fileCount: 2, files: ['c.ts', 'd.ts'] },
      }),
    ).toBe(true);
    expect(summaryChanged(base, { ...base, branch: null })).toBe(true);
    expect(summaryChanged(base, { ...base, project: 'web' })).toBe(true);
  });
});
