// Follows message inserts and prints, once `expected` have arrived (or after `stopAfter`), a
// JSON line: the message ids in delivery order, their seqs, and the subscription's final seq.
import { openSpace } from '@spaces/client';
import { target } from './target.mjs';

const [home, profile, expected, since, stopAfter] = process.argv.slice(2);
const space = await openSpace(target(home, profile));
const ids = [];
const seqs = [];
const limit = stopAfter ? Number(stopAfter) : Number(expected);
let done = false;
const sub = space.subscribe(
  { tables: ['messages'], ...(since ? { since: BigInt(since) } : {}) },
  (change) => {
    if (done || change.op !== 'insert') return;
    ids.push(String(change.row.id));
    seqs.push(String(change.seq));
    if (ids.length >= limit) finish();
  },
);
function finish() {
  done = true;
  sub.close();
  process.stdout.write(JSON.stringify({ ids, seqs, seq: String(sub.seq) }) + '\n');
  void space.close().then(() => process.exit(0));
}
await sub.ready;
process.stdout.write('ready\n');
