// `pnpm bench`: each figure beside its baseline, measured in the same run, and the goal.
import { fmt, printTable } from './common.mjs';
import { latency } from './latency.mjs';
import { scale } from './scale.mjs';
import { spacetimeBench } from './spacetime.mjs';
import { throughput } from './throughput.mjs';

const quick = process.argv.includes('--quick');
const log = (text) => process.stderr.write(text + '\n');

if (!process.argv.includes('--spacetime-only')) await embeddedTable();
await spacetimeTable();

async function embeddedTable() {
  log('throughput…');
  const t = await throughput(quick ? 5_000 : 20_000);
  log('push latency (1 writer, 8 subscriber processes)…');
  const l = await latency(quick ? 500 : 2_000);
  log(`per-call cost at 10k vs ${quick ? '100k' : '1M'} messages…`);
  const s = await scale(10_000, quick ? 100_000 : 1_000_000, quick ? 3_000 : 10_000, (n) => {
    if (n % 100_000 === 0) log(`  filled ${fmt(n)}`);
  });

  const ratio = t.ours / t.baseline;
  const growth = s.large.micros / s.small.micros;
  printTable(
    ['figure', 'spaces', 'baseline', 'ratio', 'goal', 'met'],
    [
      [
        'durable send_message calls/s',
        fmt(t.ours),
        `${fmt(t.baseline)} (raw 1-row commits)`,
        fmt(ratio, 2),
        '>= 0.50',
        ratio >= 0.5 ? 'yes' : 'NO',
      ],
      [
        'push latency p50 (ms)',
        fmt(l.ours.p50, 2),
        `${fmt(l.baseline.p50, 2)} (bare fs.watch wake)`,
        fmt(l.ours.p50 / l.baseline.p50, 2),
        '<= 2 ms',
        l.ours.p50 <= 2 ? 'yes' : 'NO',
      ],
      [
        'push latency p99 (ms)',
        fmt(l.ours.p99, 2),
        `${fmt(l.baseline.p99, 2)} (bare fs.watch wake)`,
        fmt(l.ours.p99 / l.baseline.p99, 2),
        '<= 10 ms',
        l.ours.p99 <= 10 ? 'yes' : 'NO',
      ],
      [
        `per-call µs at ${quick ? '100k' : '1M'} msgs`,
        fmt(s.large.micros, 1),
        `${fmt(s.small.micros, 1)} (at 10k msgs)`,
        fmt(growth, 2),
        '<= 1.50',
        growth <= 1.5 ? 'yes' : 'NO',
      ],
    ],
  );
  console.log(
    `\n(latency: ${l.ours.n} deliveries over 8 subscribers, ${l.baseline.n} baseline wakes; ` +
      `filled ${quick ? '100k' : '1M'} messages in ${fmt(s.large.fillSeconds, 1)} s; ` +
      `latest-50 read at that size ${fmt(s.large.readMicros)} µs)`,
  );
}

/** The SpacetimeDB engine through the SDK and the test server, beside the embedded engine. */
async function spacetimeTable() {
  log('SpacetimeDB engine (SDK -> test server) beside the embedded engine…');
  const r = await spacetimeBench({ quick });
  const [small, large] = r.sizes;
  const cost = (engine, size, what) => fmt(r[engine].sizes[size][what], 1);
  const growth = (engine, what) => r[engine].sizes[large][what] / r[engine].sizes[small][what];
  console.log('');
  printTable(
    ['figure', 'SpacetimeDB (test server)', 'embedded'],
    [
      [
        'send_message calls/s, awaited one by one',
        fmt(r.spacetime.calls.awaited),
        fmt(r.embedded.calls.awaited),
      ],
      [
        'send_message calls/s, pipelined',
        fmt(r.spacetime.calls.pipelined),
        fmt(r.embedded.calls.pipelined),
      ],
      [
        'push latency to a 2nd connection p50 (ms)',
        fmt(r.spacetime.latency.p50, 2),
        fmt(r.embedded.latency.p50, 2),
      ],
      [
        'push latency to a 2nd connection p99 (ms)',
        fmt(r.spacetime.latency.p99, 2),
        fmt(r.embedded.latency.p99, 2),
      ],
      [
        `\`messages send\` ms at ${fmt(small)} msgs`,
        cost('spacetime', small, 'send'),
        cost('embedded', small, 'send'),
      ],
      [
        `\`messages send\` ms at ${fmt(large)} msgs`,
        cost('spacetime', large, 'send'),
        cost('embedded', large, 'send'),
      ],
      [
        `\`messages list\` ms at ${fmt(small)} msgs`,
        cost('spacetime', small, 'list'),
        cost('embedded', small, 'list'),
      ],
      [
        `\`messages list\` ms at ${fmt(large)} msgs`,
        cost('spacetime', large, 'list'),
        cost('embedded', large, 'list'),
      ],
      [
        'send cost growth (large/small)',
        fmt(growth('spacetime', 'send'), 2),
        fmt(growth('embedded', 'send'), 2),
      ],
      [
        'list cost growth (large/small)',
        fmt(growth('spacetime', 'list'), 2),
        fmt(growth('embedded', 'list'), 2),
      ],
    ],
  );
  console.log(
    '\n(in-process: the bench and its connections share one Node process; the test server is a ' +
      'separate process per size. A command = connect, find the channel, act, close; rounds ' +
      'alternate between the two sizes; medians. ' +
      'Anchor: a TypeScript client awaiting each call measured ~100 calls/s against real SpacetimeDB.)',
  );
}
