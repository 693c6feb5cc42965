// `pnpm bench [throughput|latency|scale|spacetime ...] [--quick] [--json]`: each figure beside its
// baseline, measured in the same run, and the goal. No names: every table. `scale` includes
// replay and verify; `spacetime` puts the SpacetimeDB engine beside the embedded one.
import { fmt, printTable } from './common.mjs';
import { latency } from './latency.mjs';
import { replayFigures } from './replay.mjs';
import { scale } from './scale.mjs';
import { spacetimeBench } from './spacetime.mjs';
import { throughput } from './throughput.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const json = args.includes('--json');
const TABLES = ['throughput', 'latency', 'scale', 'spacetime'];
// `--spacetime-only` is the older spelling of naming the spacetime table alone.
const named = args.includes('--spacetime-only')
  ? ['spacetime']
  : args.filter((a) => !a.startsWith('--'));
for (const name of named) {
  if (!TABLES.includes(name)) {
    process.stderr.write(`unknown benchmark "${name}"; choose from ${TABLES.join(', ')}\n`);
    process.exit(2);
  }
}
const wanted = (name) => named.length === 0 || named.includes(name);
const log = (text) => process.stderr.write(text + '\n');
const yes = (ok) => (ok ? 'yes' : 'NO');
const large = quick ? 100_000 : 1_000_000;
const largeLabel = quick ? '100k' : '1M';

const rows = [];
const notes = [];
const out = {};

if (wanted('throughput')) {
  log('throughput (1 caller, 8 concurrent callers; default and full sync)…');
  const t = await throughput(quick ? 5_000 : 20_000);
  Object.assign(out, t);
  const row = (label, f, goal, met) => [
    label,
    fmt(f.callsPerSec),
    `${fmt(f.rawPerSec)} (raw 1-row commits)`,
    fmt(f.ratio, 2),
    goal,
    met,
  ];
  rows.push(
    row(
      'durable send_message, 1 caller, calls/s',
      t.sequential,
      '>= 0.50',
      yes(t.sequential.ratio >= 0.5),
    ),
    row(
      'durable send_message, 8 callers, calls/s',
      t.concurrent8,
      '>= 2.00',
      yes(t.concurrent8.ratio >= 2),
    ),
    row('full sync, 1 caller, calls/s', t.fullSync.sequential, '(record)', '-'),
    row('full sync, 8 callers, calls/s', t.fullSync.concurrent8, '(record)', '-'),
  );
  notes.push(
    `full sync costs ${fmt(t.sequential.callsPerSec / t.fullSync.sequential.callsPerSec, 1)}x ` +
      `for 1 caller and ${fmt(t.concurrent8.callsPerSec / t.fullSync.concurrent8.callsPerSec, 1)}x ` +
      'for 8 callers (its raw baseline is fsynced too)',
  );
}

if (wanted('latency')) {
  log('push latency (1 writer, 8 subscriber processes)…');
  const l = await latency(quick ? 500 : 2_000);
  out.latency = l;
  const row = (p, limit) => [
    `push latency ${p} (ms)`,
    fmt(l.ours[p], 2),
    `${fmt(l.baseline[p], 2)} (bare fs.watch wake)`,
    fmt(l.ours[p] / l.baseline[p], 2),
    `<= ${limit} ms`,
    yes(l.ours[p] <= limit),
  ];
  rows.push(row('p50', 2), row('p99', 10));
  notes.push(`latency: ${l.ours.n} deliveries over 8 subscribers, ${l.baseline.n} baseline wakes`);
}

if (wanted('scale')) {
  log(`per-call cost at 10k vs ${largeLabel} messages, then verify and replay of that log…`);
  let lastShown = 0;
  const progress = (label) => (done, total) => {
    if (done - lastShown >= 100_000 || done === total) {
      lastShown = done === total ? 0 : done;
      log(`  ${label} ${fmt(done)}${total ? ` / ${fmt(total)}` : ''}`);
    }
  };
  const s = await scale(10_000, large, quick ? 3_000 : 10_000, progress('filled'), (space) =>
    replayFigures(space, progress('replayed')),
  );
  const r = s.large.extra;
  out.scale = { small: s.small, large: { ...s.large, extra: undefined } };
  out.replay = r;
  const growth = s.large.micros / s.small.micros;
  rows.push(
    [
      `per-call µs at ${largeLabel} msgs`,
      fmt(s.large.micros, 1),
      `${fmt(s.small.micros, 1)} (at 10k msgs)`,
      fmt(growth, 2),
      '<= 1.50',
      yes(growth <= 1.5),
    ],
    [
      `verify, calls/s (${fmt(r.calls)} calls)`,
      fmt(r.verifyPerSec),
      '-',
      '-',
      '>= 100,000',
      yes(r.verifyPerSec >= 100_000),
    ],
    [
      `replay, calls/s (${fmt(r.calls)} calls)`,
      fmt(r.replayPerSec),
      '-',
      '-',
      '>= 100,000',
      yes(r.replayPerSec >= 100_000),
    ],
  );
  notes.push(
    `filled ${largeLabel} messages in ${fmt(s.large.fillSeconds, 1)} s; ` +
      `latest-50 read at that size ${fmt(s.large.readMicros)} µs`,
  );
}

const spacetime = wanted('spacetime') ? await spacetimeRows() : undefined;

if (json) {
  console.log(JSON.stringify(out));
} else {
  if (rows.length > 0) {
    printTable(['figure', 'spaces', 'baseline', 'ratio', 'goal', 'met'], rows);
    console.log(`\n(${notes.join('; ')})`);
  }
  if (spacetime) {
    console.log('');
    printTable(['figure', 'SpacetimeDB (test server)', 'embedded'], spacetime);
    console.log(
      '\n(in-process: the bench and its connections share one Node process; the test server is a ' +
        'separate process per size. A command = connect, find the channel, act, close; rounds ' +
        'alternate between the two sizes; medians. ' +
        'Anchor: a TypeScript client awaiting each call measured ~100 calls/s against real SpacetimeDB.)',
    );
  }
}

/** The SpacetimeDB engine through the SDK and the test server, beside the embedded engine. */
async function spacetimeRows() {
  log('SpacetimeDB engine (SDK -> test server) beside the embedded engine…');
  const r = await spacetimeBench({ quick });
  out.spacetime = r;
  const [small, large] = r.sizes;
  const cost = (engine, size, what) => fmt(r[engine].sizes[size][what], 1);
  const growth = (engine, what) => r[engine].sizes[large][what] / r[engine].sizes[small][what];
  const both = (label, value) => [label, value('spacetime'), value('embedded')];
  return [
    both('send_message calls/s, awaited one by one', (e) => fmt(r[e].calls.awaited)),
    both('send_message calls/s, pipelined', (e) => fmt(r[e].calls.pipelined)),
    both('push latency to a 2nd connection p50 (ms)', (e) => fmt(r[e].latency.p50, 2)),
    both('push latency to a 2nd connection p99 (ms)', (e) => fmt(r[e].latency.p99, 2)),
    both(`\`messages send\` ms at ${fmt(small)} msgs`, (e) => cost(e, small, 'send')),
    both(`\`messages send\` ms at ${fmt(large)} msgs`, (e) => cost(e, large, 'send')),
    both(`\`messages list\` ms at ${fmt(small)} msgs`, (e) => cost(e, small, 'list')),
    both(`\`messages list\` ms at ${fmt(large)} msgs`, (e) => cost(e, large, 'list')),
    both('send cost growth (large/small)', (e) => fmt(growth(e, 'send'), 2)),
    both('list cost growth (large/small)', (e) => fmt(growth(e, 'list'), 2)),
  ];
}
