// Baseline subscriber: wakes on fs.watch and reads the send time the writer put in the file.
import { openSync, readSync, watch } from 'node:fs';

const [file, expected] = process.argv.slice(2);
const fd = openSync(file, 'r');
const buffer = Buffer.alloc(32);
const latencies = [];
let last = '';
const watcher = watch(file, () => {
  readSync(fd, buffer, 0, 32, 0);
  const text = buffer.toString().trim();
  if (text === last || text === '') return;
  last = text;
  latencies.push(performance.timeOrigin + performance.now() - Number(text));
  if (latencies.length >= Number(expected)) {
    watcher.close();
    process.stdout.write(JSON.stringify(latencies) + '\n');
    process.exit(0);
  }
});
// Coalesced events can hide a write or two: report what arrived rather than wait forever.
setTimeout(
  () => {
    process.stdout.write(JSON.stringify(latencies) + '\n');
    process.exit(0);
  },
  Number(expected) * 10 + 10_000,
).unref();
process.stdout.write('ready\n');
