// Sends `count` messages to one channel, one call at a time, printing "ok <i> <seq>" as each
// call's promise resolves (the SIGKILL test trusts only what was printed).
import { openSpace } from '@spaces/client';
import { target } from './target.mjs';

const [home, profile, channelId, count, tag] = process.argv.slice(2);
const space = await openSpace(target(home, profile));
const out = [];
for (let i = 0; i < Number(count); i++) {
  const { seq } = await space.reducers.send_message({
    channelId: BigInt(channelId),
    text: `${tag}:${i}`,
  });
  out.push(`ok ${i} ${seq}`);
  if (out.length >= 50 || process.env.ACK_EACH) {
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
await space.close();
