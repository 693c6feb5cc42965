/**
 * Row values made JSON-safe: bigint ids become numbers (strings beyond 2^53), timestamp columns
 * (microseconds) become ISO-8601 strings, and `undefined` fields are dropped. Values nested
 * deeper than rows ever are (a parsed event payload) are left as they are: they hold no bigint.
 */
export function toJson(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'bigint') {
    if (isTimestampColumn(key)) return isoOfMicros(value);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => toJson(v, '', depth + 1));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toJson(v, k, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * True for the names the core gives timestamp columns (`createdAt`, `bannedUntil`, `lastSeen`,
 * …). A test checks this against the core's table declarations, so a new column cannot slip by.
 */
export function isTimestampColumn(name: string): boolean {
  return /[a-z]At$|Until$|^lastSeen$/.test(name);
}

/** The latest moment `Date` can represent, in microseconds (year 275760). */
const DATE_MAX_MICROS = 8_640_000_000_000_000_000n;

/**
 * ISO-8601 (UTC, milliseconds) of a microsecond timestamp. Never throws: a time no `Date` can
 * hold (only in stores written before core bounded timestamps) is shown as a marked placeholder.
 */
export function isoOfMicros(micros: bigint): string {
  if (micros < 0n || micros > DATE_MAX_MICROS) return `(invalid time: ${micros} µs)`;
  return new Date(Number(micros / 1000n)).toISOString();
}

// Characters JSON.stringify leaves raw that a terminal acts on: C1 controls, bidi controls, line
// and paragraph separators. They can only stand inside strings, where `\uXXXX` means the same.
const RAW_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * One JSON document (or line): stable, with bigint handled. The text is exact (it parses to the
 * very values), and inert on a terminal: what JSON.stringify leaves raw is written as `\uXXXX`.
 */
export function stringify(value: unknown, pretty: boolean): string {
  return JSON.stringify(toJson(value), null, pretty ? 2 : undefined).replace(
    RAW_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
