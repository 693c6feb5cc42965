// A writer with `callers` concurrent callers in one process, so its calls are group-committed.
// Prints "ok <caller> <i> <seq>" as each call's promise resolves. When the store is about to
// insert its `pauseAt`-th message, it prints "mid-group <text>" and stops dead inside that
// group's transaction (some of the group's calls applied, none committed), to be SIGKILLed.
// It reaches into the built engine only to install that pause: a connection-local trigger.
import { writeSync } from 'node:fs';
import { EmbeddedSpace } from '../../dist/embedded/space.js';
import { openStore, storePath } from '../../dist/embedded/store.js';
import { resolveProfile } from '../../dist/profiles.js';

const [home, profile, channelId, callers, pauseAt] = process.argv.slice(2);
const db = openStore(storePath(home));
let inserted = 0;
db.function('pause_here', (text) => {
  if (++inserted === Number(pauseAt)) {
    writeSync(1, `mid-group ${text}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  }
  return null;
});
db.exec(
  'CREATE TEMP TRIGGER pause AFTER INSERT ON main.messages BEGIN SELECT pause_here(NEW.text); END',
);
const me = resolveProfile(home, profile);
const space = new EmbeddedSpace(db, me.identity, me.name);

async function caller(c) {
  for (let i = 0; ; i++) {
    const { seq } = await space.reducers.send_message({
      channelId: BigInt(channelId),
      text: `g:${c}:${i}`,
    });
    writeSync(1, `ok ${c} ${i} ${seq}\n`);
  }
}
await Promise.all(Array.from({ length: Number(callers) }, (_, c) => caller(c)));
