/** Renders milliseconds for people: `45s`, `12m 5s`, `3h 4m`, `2d 5h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return ms > 0 ? '<1s' : '0s';
  const s = Math.floor(ms / 1000);
  const [d, h, m, sec] = [
    Math.floor(s / 86400),
    Math.floor(s / 3600) % 24,
    Math.floor(s / 60) % 60,
    s % 60,
  ];
  // Two units are enough to read at a glance; seconds stop mattering past an hour.
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return sec > 0 ? `${m}m ${sec}s` : `${m}m`;
  return `${sec}s`;
}
