/**
 * ISO-8601 (UTC, millisecond precision) of a microsecond timestamp. Written out by hand because
 * core may not touch `Date`: the civil-from-days conversion is Howard Hinnant's algorithm.
 */
export function isoOf(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const days = Math.floor(ms / 86_400_000);
  const msOfDay = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(msOfDay / 3_600_000);
  const m = Math.floor((msOfDay % 3_600_000) / 60_000);
  const s = Math.floor((msOfDay % 60_000) / 1000);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(msOfDay % 1000, 3)}Z`;
}

/** Microseconds in one second, for readable arithmetic on timestamps. */
export const SECOND = 1_000_000n;
