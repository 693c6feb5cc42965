// Shared pieces of the benchmarks: temporary homes, a hub with a channel, percentiles, the table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addProfile, openSpace } from '@spaces/client';

/** A fresh home holding a hub; returns the owner's space and #general's id. */
export async function freshHub(label) {
  const home = mkdtempSync(join(tmpdir(), `spaces-bench-${label}-`));
  addProfile(home, 'owner');
  const space = await openSpace({ home, as: 'owner' });
  await space.createHub({ name: 'owner' });
  const general = (await space.channel('general')).id;
  return { home, space, general, remove: () => rmSync(home, { recursive: true, force: true }) };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Prints rows as an aligned table with a header. */
export function printTable(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(all[0]));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of all.slice(1)) console.log(line(r));
}

export const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
