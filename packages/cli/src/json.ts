/**
 * Row values made JSON-safe: bigint ids become numbers (strings beyond 2^53), timestamp columns
 * (microseconds) become ISO-8601 strings, and `undefined` fields are dropped.
 */
export function toJson(value: unknown, key = ''): unknown {
  if (typeof value === 'bigint') {
    if (isTimestampColumn(key)) return isoOfMicros(value);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map((v) => toJson(v));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toJson(v, k);
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

/** ISO-8601 (UTC, milliseconds) of a microsecond timestamp. */
export function isoOfMicros(micros: bigint): string {
  return new Date(Number(micros / 1000n)).toISOString();
}

/** One JSON document (or line): stable, with bigint handled. */
export function stringify(value: unknown, pretty: boolean): string {
  return JSON.stringify(toJson(value), null, pretty ? 2 : undefined);
}
