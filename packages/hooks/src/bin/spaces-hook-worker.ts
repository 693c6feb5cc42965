#!/usr/bin/env node
// The worker behind both hooks (see supervisor.ts): started by them, never by Claude Code.
import { encodeMessage } from '../protocol.js';
import type { WorkerMessage } from '../protocol.js';
import { SENDER_LIFETIME_MS, runWorker } from '../worker.js';

// The hook process may exit before we do: then nobody reads our output, which is fine.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);
const emit = (message: WorkerMessage): void => {
  try {
    process.stdout.write(encodeMessage(message));
  } catch {
    // nobody listening
  }
};
process.on('uncaughtException', (error) => {
  emit({
    type: 'diagnostic',
    code: 'hooks.unexpected',
    message: error.message.split('\n')[0] ?? '',
  });
  process.exit(0);
});
// Whatever happens, a worker left behind does not outlive its task by long.
setTimeout(() => process.exit(0), SENDER_LIFETIME_MS + 10_000).unref();

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
await runWorker(process.argv[2] ?? '', Buffer.concat(chunks).toString('utf8'), {
  env: process.env,
  cwd: process.cwd(),
  emit,
  now: Date.now,
  lifetimeMs: SENDER_LIFETIME_MS,
});
process.exit(0);
