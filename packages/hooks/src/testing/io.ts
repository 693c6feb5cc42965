import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { onTestFinished } from 'vitest';
import type { HookIo, HookSink } from '../supervisor.js';

/** A sink that keeps what was written. Test-only. */
export interface Captured extends HookSink {
  text(): string;
}

/** Collects writes into a string. */
export function capture(): Captured {
  const chunks: string[] = [];
  return {
    write(chunk, callback) {
      chunks.push(chunk);
      callback?.();
      return true;
    },
    text: () => chunks.join(''),
  };
}

/** Fake process streams around a hook, with stdin holding `input` (or never ending). */
export function fakeIo(input: string | 'never-ends', env: Record<string, string> = {}) {
  const stdout = capture();
  const stderr = capture();
  const stdin =
    input === 'never-ends' ? new Readable({ read() {} }) : Readable.from([Buffer.from(input)]);
  const io: Partial<HookIo> = { stdin, stdout, stderr, env };
  return { io, stdout, stderr };
}

/** A fresh temporary directory, removed when the calling test finishes. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spaces-hooks-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
