// A plain client subscriber for bench/mcp.mjs: prints "ready", then "<text> <time>" for every
// message inserted, the time taken in its handler (performance.timeOrigin-based, like the writer's).
// Usage: node subscriber.mjs <home> <profile>
import { openSpace } from '@spaces/client';

const [home, profile] = process.argv.slice(2);
const space = await openSpace({ home, as: profile });
const sub = space.subscribe({ tables: ['messages'] }, (change) => {
  if (change.op !== 'insert') return;
  const at = performance.timeOrigin + performance.now();
  process.stdout.write(`${change.row.text} ${at}\n`);
});
await sub.ready;
process.stdout.write('ready\n');
process.stdin.on('end', () => {
  sub.close();
  void space.close();
});
process.stdin.resume();
