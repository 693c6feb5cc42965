import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStopInput } from './input.js';
import { runHook } from './run.js';
import { handleStop, stopHook } from './sessionHook.js';
import { SESSION_SUMMARY_KIND } from './summary.js';
import {
  PLANTED_KEY,
  PLANTED_PASSWORD,
  fixture,
  fixturePath,
  stdinFixture,
} from './testing/fixtures.js';
import { fakeIo, tempDir } from './testing/io.js';
import { MemoryHookStore } from './testing/memoryHookStore.js';

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
    expect(text).toContain('Tools: Edit ×3, Write ×3, Bash ×2');
    expect(text).toContain('Files edited: src/config.ts, src/server.ts, src/config.test.ts');
    expect(text).toContain('Duration: 12m 34s, 3 turns');
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
          durationMs: 31_000,
          turns: 1,
        },
        text: 'Session 5d8f3c2a in spaces on feat/hooks: 4 tool calls, 2 files edited, 1 turn',
      },
    ]);
    const later = { ...input, transcriptPath: fixturePath('transcript.jsonl') };
    const second = await handleStop(later, { store });
    expect(second).toMatchObject({ action: 'edited', emitted: true });
    expect(store.events[1]?.payload).toMatchObject({ turns: 3, durationMs: 754_500 });

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

describe('stopHook run by the runner', () => {
  const logPath = async (): Promise<string> => join(await tempDir(), 'hooks.log');

  it('exits 0 with a diagnostic when stdin is not JSON, and posts nothing', async () => {
    const store = new MemoryHookStore();
    const { io, stdout, stderr } = fakeIo(fixture('stdin-not-json.txt'));
    const outcome = await runHook(
      stopHook(async () => store),
      {
        name: 'spaces-session-hook',
        io,
        logPath: await logPath(),
      },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.error?.code).toBe('hooks.bad_json');
    expect(stderr.text()).toMatch(
      /^spaces-session-hook: hook input is not JSON: .*\[hooks\.bad_json\]\n$/,
    );
    expect(stdout.text()).toBe('');
    expect(store.messages).toHaveLength(0);
  });

  it('exits 0 with a diagnostic when the transcript is missing, and still posts', async () => {
    const store = new MemoryHookStore();
    const { io, stdout, stderr } = fakeIo(stdinFixture('stop-turn2.json', '/nowhere/t.jsonl'));
    const outcome = await runHook(
      stopHook(async () => store, { readGitBranch: noGit }),
      {
        name: 'spaces-session-hook',
        io,
        logPath: await logPath(),
      },
    );
    expect(outcome).toMatchObject({
      exitCode: 0,
      diagnostic: expect.stringContaining('transcript not found'),
    });
    expect(stderr.text()).toMatch(
      /transcript not found at "\/nowhere\/t\.jsonl".*\[hooks\.note\]\n$/,
    );
    expect(stdout.text()).toBe('');
    expect(store.messages).toHaveLength(1);
  });

  it('keeps to the project root from CLAUDE_PROJECT_DIR when the session has moved into a subfolder', async () => {
    const store = new MemoryHookStore();
    const opened: string[] = [];
    const input = JSON.parse(
      stdinFixture('stop-turn1.json', fixturePath('transcript-turn1.jsonl')),
    );
    const { io } = fakeIo(JSON.stringify({ ...input, cwd: '/home/dev/projects/spaces/src' }));
    await runHook(
      stopHook(
        async (parsed) => {
          opened.push(parsed.cwd);
          return store;
        },
        { readGitBranch: noGit, projectDir: '/home/dev/projects/spaces' },
      ),
      { name: 'spaces-session-hook', io, logPath: await logPath() },
    );
    expect(opened).toEqual(['/home/dev/projects/spaces']);
    expect(store.messages[0]?.text).toMatch(
      /^Session summary: spaces \(\/home\/dev\/projects\/spaces\)/,
    );
  });

  it('exits 0 with a diagnostic when the store fails', async () => {
    const { io } = fakeIo(stdinFixture('stop-turn1.json', fixturePath('transcript-turn1.jsonl')));
    const outcome = await runHook(
      stopHook(async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:3000');
      }),
      { name: 'spaces-session-hook', io, logPath: await logPath() },
    );
    expect(outcome).toMatchObject({ exitCode: 0, error: { code: 'hooks.unexpected' } });
  });
});
