import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { superviseHook } from './supervisor.js';
import { fakeIo, tempDir } from './testing/io.js';

/** A worker written inline: `node -e <script>`. */
const worker = (script: string): string[] => [process.execPath, '-e', script];

/** Plenty for a worker to start on a loaded machine: these tests are about outcomes. */
const ROOMY = 30_000;
/** Short, for the tests where the deadline itself is the point. */
const SHORT = 300;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits for a condition, checking every 50 ms, failing after `ms` (far beyond what it needs). */
async function eventually(condition: () => boolean, ms = 20_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > ms) throw new Error('condition never became true');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ECHO = `
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', () => {
  const say = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
  say({ type: 'output', text: 'got ' + input });
  say({ type: 'diagnostic', code: 'hooks.note', message: 'a note with password=hunter2\\nand a second line' });
  say({ type: 'done' });
});`;

describe('superviseHook', () => {
  it('hands stdin to the worker, prints its output and one redacted line per diagnostic', async () => {
    const { io, stdout, stderr } = fakeIo('{"a":1}');
    const outcome = await superviseHook({
      name: 'h',
      budgetMs: ROOMY,
      worker: worker(ECHO),
      atDeadline: 'kill',
      io,
    });
    expect(outcome).toMatchObject({ exitCode: 0, output: 'got {"a":1}', timedOut: false });
    expect(stdout.text()).toBe('got {"a":1}\n');
    expect(stderr.text()).toBe(
      'h: a note with password=[REDACTED] and a second line [hooks.note]\n',
    );
  });

  it('returns at the deadline from a worker stuck in synchronous code, and kills it', async () => {
    const { io, stdout, stderr } = fakeIo('{}');
    const outcome = await superviseHook({
      name: 'h',
      budgetMs: SHORT,
      worker: worker(`process.stdout.write('{"type":"output","text":"early"}\\n'); for (;;) {}`),
      atDeadline: 'kill',
      io,
    });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.timedOut).toBe(true);
    expect(stderr.text()).toBe(`h: gave up after ${SHORT} ms [hooks.timeout]\n`);
    // What the worker said before the deadline still counts.
    expect(stdout.text()).toBe('early\n');
    await eventually(() => !alive(outcome.workerPid as number));
  });

  it('leaves a Stop worker running at the deadline, and it finishes alone', async () => {
    const dir = await tempDir();
    const marker = join(dir, 'finished');
    const { io, stderr } = fakeIo('{}');
    const outcome = await superviseHook({
      name: 'h',
      budgetMs: SHORT,
      worker: worker(
        `setTimeout(() => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 1500)`,
      ),
      atDeadline: 'leave',
      io,
    });
    expect(outcome).toMatchObject({ exitCode: 0, timedOut: true });
    expect(outcome.leftPid).toBeGreaterThan(0);
    expect(stderr.text()).toMatch(
      /^h: not done within 300 ms; the rest goes on in the background .*\[hooks\.deferred\]\n$/,
    );
    await eventually(() => existsSync(marker));
    await eventually(() => !alive(outcome.leftPid as number));
  });

  it('gives up on stdin that never ends, and starts no worker', async () => {
    const dir = await tempDir();
    const marker = join(dir, 'started');
    const { io, stderr } = fakeIo('never-ends');
    const outcome = await superviseHook({
      name: 'h',
      budgetMs: SHORT,
      worker: worker(`require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`),
      atDeadline: 'leave',
      io,
    });
    expect(outcome.timedOut).toBe(true);
    expect(stderr.text()).toBe(
      `h: stdin did not end within ${SHORT} ms; nothing done [hooks.timeout]\n`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses stdin over the size limit', async () => {
    const { io, stderr } = fakeIo('x'.repeat(100));
    const outcome = await superviseHook({
      name: 'h',
      budgetMs: ROOMY,
      worker: worker(ECHO),
      atDeadline: 'kill',
      maxStdinBytes: 10,
      io,
    });
    expect(outcome.diagnostics).toEqual([
      { code: 'hooks.bad_json', message: 'could not read stdin: stdin is over 10 bytes' },
    ]);
    expect(stderr.text()).toMatch(/\[hooks\.bad_json\]\n$/);
  });

  it('reports a worker that crashed, with the last line of its stderr', async () => {
    const { io, stdout, stderr } = fakeIo('{}');
    const outcome = await superviseHook({
      name: 'h',
      budgetMs: ROOMY,
      worker: worker(`console.error('boom: the disk is on fire'); process.exit(3)`),
      atDeadline: 'kill',
      io,
    });
    expect(outcome.timedOut).toBe(false);
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toBe(
      "h: the hook's worker exited with code 3: boom: the disk is on fire [hooks.unexpected]\n",
    );
  });

  it('reports a worker that cannot start', async () => {
    const { io, stderr } = fakeIo('{}');
    await superviseHook({
      name: 'h',
      budgetMs: ROOMY,
      worker: ['/no/such/node'],
      atDeadline: 'kill',
      io,
    });
    expect(stderr.text()).toMatch(
      /^h: could not start the hook's worker: .*ENOENT.*\[hooks\.unexpected\]\n$/,
    );
  });
});
