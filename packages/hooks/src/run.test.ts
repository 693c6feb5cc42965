import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_ERROR_CODES, HookError } from './errors.js';
import { budgetFromEnv, hookLogPath, runHook } from './run.js';
import { spacesHome } from './spacesHome.js';
import { fakeIo, tempDir } from './testing/io.js';

describe('runHook', () => {
  it('passes stdin to the handler and prints only its output', async () => {
    const { io, stdout, stderr } = fakeIo('{"a":1}');
    const outcome = await runHook(async (stdin) => ({ output: `got ${stdin}` }), { name: 'h', io });
    expect(outcome).toEqual({ exitCode: 0, output: 'got {"a":1}' });
    expect(stdout.text()).toBe('got {"a":1}\n');
    expect(stderr.text()).toBe('');
  });

  it('prints nothing when the handler has nothing to say', async () => {
    const { io, stdout } = fakeIo('{}');
    expect(await runHook(async () => undefined, { name: 'h', io })).toEqual({ exitCode: 0 });
    expect(stdout.text()).toBe('');
  });

  it('turns a failure into exit 0, one line on stderr and a line in the log', async () => {
    const dir = await tempDir();
    const { io, stdout, stderr } = fakeIo('{}');
    const outcome = await runHook(
      async () => {
        throw new HookError(HOOK_ERROR_CODES.badField, 'bad "cwd"\nsecond line password=hunter2');
      },
      { name: 'spaces-session-hook', io, logPath: join(dir, 'nested', 'hooks.log') },
    );
    expect(outcome.exitCode).toBe(0);
    expect(outcome.error?.code).toBe('hooks.bad_field');
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toBe(
      'spaces-session-hook: bad "cwd" second line password=[REDACTED] [hooks.bad_field]\n',
    );
    expect(await readFile(join(dir, 'nested', 'hooks.log'), 'utf8')).toBe(
      '2025-06-01T12:00:00.000Z spaces-session-hook hooks.bad_field bad "cwd" second line password=[REDACTED]\n',
    );
  });

  it('catches what is thrown even when it is not an Error', async () => {
    const dir = await tempDir();
    const { io } = fakeIo('{}');
    const outcome = await runHook(() => Promise.reject('boom'), {
      name: 'h',
      io,
      logPath: join(dir, 'hooks.log'),
    });
    expect(outcome.error).toEqual({ code: 'hooks.unexpected', message: 'boom' });
  });

  it('gives up on a handler that outlives the budget, and prints none of its output', async () => {
    const dir = await tempDir();
    const { io, stdout } = fakeIo('{}');
    const started = Date.now();
    let aborted = false;
    const outcome = await runHook(
      (_stdin, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => (aborted = true));
          setTimeout(() => resolve({ output: 'late' }), 2_000);
        }),
      { name: 'h', io, budgetMs: 50, logPath: join(dir, 'hooks.log') },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome.error?.code).toBe('hooks.timeout');
    expect(aborted).toBe(true);
    expect(stdout.text()).toBe('');
  });

  it('gives up on stdin that never ends', async () => {
    const dir = await tempDir();
    const { io } = fakeIo('never-ends');
    const outcome = await runHook(async () => ({ output: 'x' }), {
      name: 'h',
      io,
      budgetMs: 50,
      logPath: join(dir, 'hooks.log'),
    });
    expect(outcome.error?.code).toBe('hooks.timeout');
  });

  it('refuses stdin over the size limit', async () => {
    const dir = await tempDir();
    const { io } = fakeIo('x'.repeat(100));
    const outcome = await runHook(async () => ({ output: 'x' }), {
      name: 'h',
      io,
      maxStdinBytes: 10,
      logPath: join(dir, 'hooks.log'),
    });
    expect(outcome.error?.message).toMatch(/stdin is over 10 bytes/);
  });

  it('reports a diagnostic from a handler that still did its job', async () => {
    const dir = await tempDir();
    const { io, stderr } = fakeIo('{}');
    const outcome = await runHook(async () => ({ diagnostic: 'transcript not found' }), {
      name: 'h',
      io,
      logPath: join(dir, 'hooks.log'),
    });
    expect(outcome).toEqual({ exitCode: 0, diagnostic: 'transcript not found' });
    expect(stderr.text()).toBe('h: transcript not found [hooks.note]\n');
  });
});

describe('hookLogPath and budgetFromEnv', () => {
  it('logs under SPACES_HOME, else in the default Spaces home beside the store', () => {
    expect(hookLogPath({ SPACES_HOME: '/srv/spaces' })).toBe('/srv/spaces/hooks.log');
    expect(hookLogPath({}, '/home/ann')).toBe(
      join(spacesHome({}, undefined, '/home/ann'), 'hooks.log'),
    );
  });

  it('reads a positive budget from SPACES_HOOK_BUDGET_MS only', () => {
    expect(budgetFromEnv({ SPACES_HOOK_BUDGET_MS: '2500' })).toBe(2500);
    expect(budgetFromEnv({ SPACES_HOOK_BUDGET_MS: 'soon' }, 800)).toBe(800);
    expect(budgetFromEnv({ SPACES_HOOK_BUDGET_MS: '-1' }, 800)).toBe(800);
  });
});
