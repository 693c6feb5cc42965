/** A pause longer than this is time away from the session, not work in it: 5 minutes. */
export const IDLE_GAP_MS = 5 * 60_000;

/** How long a session has run, and how much of that was work. */
export interface SessionTime {
  /** The earliest and latest timestamps, when there was one. */
  first?: number;
  last?: number;
  /** First to last record. */
  elapsedMs: number;
  /** The sum of the gaps between consecutive records, leaving out gaps over the idle gap. */
  activeMs: number;
}

/**
 * Active and elapsed time from record timestamps (milliseconds, any order). Each gap between two
 * consecutive records counts as work unless it is longer than `idleGapMs`, when the person was
 * presumably away: a session left open over lunch reads "active 50m over 5h 1m".
 */
export function sessionTime(times: readonly number[], idleGapMs = IDLE_GAP_MS): SessionTime {
  const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
  let activeMs = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = (sorted[i] as number) - (sorted[i - 1] as number);
    if (gap <= idleGapMs) activeMs += gap;
  }
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return { elapsedMs: 0, activeMs };
  return { first, last, elapsedMs: last - first, activeMs };
}
