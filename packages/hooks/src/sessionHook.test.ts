import { describe, expect, it } from 'vitest';
import { parseStopInput } from './input.js';
import type { StopInput } from './input.js';
import { handleStop, summariseStop } from './sessionHook.js';
import { PAYLOAD_FILES, SESSION_SUMMARY_KIND } from './summary.js';
import {
  PLANTED_KEY,
  PLANTED_PASSWORD,
  fixture,
  fixturePath,
  stdinFixture,
} from './testing/fixtures.js';
import { MemoryHookStore } from './testing/memoryHookStore.js';
import { SHOP_DB_PASSWORD, SHOP_STRIPE_KEY, shopSession } from './testing/sessions.js';
import { TranscriptBuilder } from './testing/transcriptBuilder.js';

const noGit = async (): Promise<undefined> => undefined;

describe('handleStop', () => {
  it('keeps one message per session: posted on the first Stop, edited on the next', async () => {
    const store = new MemoryHookStore();
    const first = await handleStop(
      parseStopInput(stdinFixture('stop-turn1.json', fixturePath('transcript-turn1.jsonl'))),
      { store, readGitBranch: noGit },
    );
    const second = await handleStop(
      parseStopInput(stdinFixture('stop-turn2.json', fixturePath('transcript.jsonl'))),
      { store, readGitBranch: noGit },
    );

    expect(first.action).toBe('posted');
    expect(second.action).toBe('edited');
    expect(second.message).toEqual(first.message);
    expect(store.messages).toHaveLength(1);
    expect(store.messages[0]?.edits).toBe(1);

    const text = store.messages[0]?.text ?? '';
    expect(text).toContain('Tools: Write ×3, Bash ×2, Edit ×2');
    expect(text).toContain('Subagents (1): Edit ×1 (1 call)');
    expect(text).toContain('Files edited (5): src/config.ts, src/server.ts, src/config.test.ts');
    expect(text).toContain('Files edited by subagents (1): docs/notes.md');
    expect(text).toContain('Duration: 12m 34s, 4 turns');
    expect(text).not.toContain(PLANTED_KEY);
    expect(text).not.toContain(PLANTED_PASSWORD);
  });

  it('emits session.summary@1 on the first Stop and when a tool or file is new, not otherwise', async () => {
    const store = new MemoryHookStore();
    const input = parseStopInput(
      stdinFixture('stop-turn1.json', fixturePath('transcript-turn1.jsonl')),
    );
    const first = await handleStop(input, { store, readGitBranch: noGit });
    expect(first.emitted).toBe(true);
    expect(store.events).toEqual([
      {
        kind: SESSION_SUMMARY_KIND,
        payload: {
          sessionId: input.sessionId,
          project: 'spaces',
          branch: 'feat/hooks',
          tools: { Bash: 1, Edit: 1, Read: 1, Write: 1 },
          files: ['src/config.ts', 'src/server.ts'],
          fileCount: 2,
          subagents: { count: 0, types: [], tools: {}, files: [], fileCount: 0 },
          durationMs: 31_000,
          elapsedMs: 31_000,
          turns: 2,
        },
        text: 'Session 5d8f3c2a in spaces on feat/hooks: 4 tool calls, 2 files edited, 2 turns, active 31s',
      },
    ]);
    const later = { ...input, transcriptPath: fixturePath('transcript.jsonl') };
    const second = await handleStop(later, { store });
    expect(second).toMatchObject({ action: 'edited', emitted: true });
    expect(store.events[1]?.payload).toMatchObject({ turns: 4, durationMs: 754_500 });

    // The same facts again: the message is left as it is and no event line is added.
    const third = await handleStop(later, { store });
    expect(third).toMatchObject({ action: 'unchanged', emitted: false });
    expect(store.events).toHaveLength(2);
    expect(store.messages[0]?.edits).toBe(1);
  });

  it('edits without an event when only the reply or the turn count changed', async () => {
    const store = new MemoryHookStore();
    const input = parseStopInput(
      stdinFixture('stop-turn1.json', fixturePath('transcript-turn1.jsonl')),
    );
    await handleStop(input, { store, readGitBranch: noGit });
    const result = await handleStop(
      { ...input, lastAssistantMessage: 'Answered a question; changed nothing.' },
      { store, readGitBranch: noGit },
    );
    expect(result).toMatchObject({ action: 'edited', emitted: false });
    expect(store.events).toHaveLength(1);
  });

  it('summarises from the Stop input when the transcript is missing, and says so', async () => {
    const store = new MemoryHookStore();
    const result = await handleStop(
      parseStopInput(stdinFixture('stop-turn2.json', '/nowhere/transcript.jsonl')),
      { store, readGitBranch: async () => 'main' },
    );
    expect(result.notes).toEqual([expect.stringMatching(/transcript not found at/)]);
    expect(store.messages[0]?.text).toMatch(/on main\nDone: Done\. Tests pass\./);
    expect(store.messages[0]?.text).toContain('Tools: none');
  });

  it("reads the branch from .git/HEAD when the records don't say", async () => {
    const store = new MemoryHookStore();
    const input = { ...parseStopInput(fixture('stop-turn1.json')), transcriptPath: '' };
    const result = await handleStop(input, { store, readGitBranch: async () => 'from-head' });
    expect(result.summary.payload.branch).toBe('from-head');
  });
});

describe('summariseStop, a 2.1 session', () => {
  const session = shopSession();
  /** The session read from memory, as the worker reads it from disk. */
  const deps = {
    readTranscript: async () => session.main.text(),
    readSubagents: async () =>
      session.subagents.map((a) => ({
        agentId: a.agentId,
        agentType: a.agentType,
        bytes: Buffer.from(a.transcript.text()),
      })),
    readGitBranch: noGit,
  };
  // The last Stop comes from the subfolder the session moved into.
  const input: StopInput = {
    event: 'Stop',
    sessionId: session.sessionId,
    transcriptPath: '/home/dev/.claude/projects/-home-dev-projects-shop/x.jsonl',
    cwd: `${session.cwd}/src`,
    stopHookActive: false,
    lastAssistantMessage: session.lastReply,
  };

  it("says what the main agent and the subagents did, each apart, in the session's first project", async () => {
    const { text, projectDir } = await summariseStop(input, deps);
    expect(projectDir).toBe(session.cwd);
    expect(text.split('\n')).toEqual([
      'Session summary: shop (/home/dev/projects/shop) on feat/cart',
      'Done: Checkout done. Stripe is configured with [REDACTED] from the vault.',
      'Tools: Edit ×3, Task ×2, Write ×2, Bash ×1, Glob ×1, MultiEdit ×1, Read ×1 (11 calls)',
      'Subagents (2: Explore, general-purpose): Read ×21, Grep ×10, Glob ×3, Edit ×2 (36 calls)',
      'Files edited (5): CLAUDE.md, src/cart/cart.ts, src/cart/cart.test.ts, src/checkout/checkout.ts, src/checkout/steps.ts',
      'Files edited by subagents (1): src/payments/adapter.ts',
      'Duration: active 6m 14s over 2h 6m, 4 turns',
      `Session: ${session.sessionId}`,
    ]);
    expect(text).not.toContain(SHOP_STRIPE_KEY);
    expect(text).not.toContain(SHOP_DB_PASSWORD);
  });

  it("puts the same facts in the payload, marked as the main agent's or the subagents'", async () => {
    const { payload } = await summariseStop(input, deps);
    expect(payload).toEqual({
      sessionId: session.sessionId,
      project: 'shop',
      branch: 'feat/cart',
      tools: { Edit: 3, Task: 2, Write: 2, Bash: 1, Glob: 1, MultiEdit: 1, Read: 1 },
      files: [
        'CLAUDE.md',
        'src/cart/cart.ts',
        'src/cart/cart.test.ts',
        'src/checkout/checkout.ts',
        'src/checkout/steps.ts',
      ],
      fileCount: 5,
      subagents: {
        count: 2,
        types: ['Explore', 'general-purpose'],
        tools: { Read: 21, Grep: 10, Glob: 3, Edit: 2 },
        files: ['src/payments/adapter.ts'],
        fileCount: 1,
      },
      durationMs: 6 * 60_000 + 14_000,
      elapsedMs: 2 * 3_600_000 + 6 * 60_000,
      turns: 4,
    });
  });

  it('keeps the project an earlier turn recorded, over CLAUDE_PROJECT_DIR and the transcript', async () => {
    const recorded = await summariseStop(input, {
      ...deps,
      project: { recorded: '/home/dev/projects/shop-old', projectDir: '/elsewhere' },
    });
    expect(recorded.projectDir).toBe('/home/dev/projects/shop-old');
    const fromEnv = await summariseStop(input, {
      ...deps,
      project: { projectDir: '/home/dev/shop2' },
    });
    expect(fromEnv.projectDir).toBe('/home/dev/shop2');
  });
});

describe('summariseStop, many files', () => {
  it('gives the exact file count in the text and the payload, with the first names listed', async () => {
    const session = new TranscriptBuilder({
      sessionId: 's-many',
      cwd: '/p',
      start: '2026-01-01T00:00:00Z',
    });
    session.prompt('Rename everything.');
    for (let i = 0; i < 266; i++)
      session.tool('Edit', { file_path: `/p/src/f${i}.ts`, old_string: 'a', new_string: 'b' });
    const input: StopInput = {
      event: 'Stop',
      sessionId: 's-many',
      transcriptPath: 't',
      cwd: '/p',
      stopHookActive: false,
    };
    const { text, payload } = await summariseStop(input, {
      readTranscript: async () => session.text(),
      readSubagents: async () => [],
      readGitBranch: noGit,
    });
    expect(text).toMatch(/^Files edited \(266\): src\/f0\.ts, src\/f1\.ts, .*, \+\d+ more$/m);
    expect(payload.fileCount).toBe(266);
    expect(payload.files).toHaveLength(PAYLOAD_FILES);
    expect(payload.files[0]).toBe('src/f0.ts');
  });
});
