// Benchmark subscriber: records, for each message insert, [its number, when the handler ran].
import { openSpace } from '@spaces/client';

const [home, profile, expected] = process.argv.slice(2);
const space = await openSpace({ home, as: profile });
const latencies = [];
const sub = space.subscribe({ tables: ['messages'] }, (change) => {
  if (change.op !== 'insert') return;
  latencies.push([
    Number(change.row.text.split(' ')[1]),
    performance.timeOrigin + performance.now(),
  ]);
  if (latencies.length >= Number(expected)) {
    sub.close();
    process.stdout.write(JSON.stringify(latencies) + '\n');
    void space.close().then(() => process.exit(0));
  }
});
await sub.ready;
process.stdout.write('ready\n');
