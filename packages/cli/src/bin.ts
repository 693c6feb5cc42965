#!/usr/bin/env node
import { failureLine, failureOf } from './failure.js';
import { main } from './main.js';

// A reader that went away (`spaces subscribe | head`) is a normal end, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Whatever escapes every handler is a bug; it is still reported as one line, never as a stack
// trace of minified source.
const crash = (error: unknown) => {
  process.stderr.write(`${failureLine(failureOf(error))}\n`);
  process.exit(failureOf(error).exitCode);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

process.exitCode = await main(process.argv.slice(2));
