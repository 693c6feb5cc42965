import { describe, expect, it } from 'vitest';
import { IDLE_GAP_MS, sessionTime } from './activeTime.js';

const MIN = 60_000;

describe('sessionTime', () => {
  it('counts every gap up to the idle gap and leaves longer ones out', () => {
    const t0 = Date.UTC(2026, 0, 20, 9);
    // 50 minutes of work, a record every 2 minutes; 4 hours away; 10 more minutes of work.
    const steps = (from: number, minutes: number) =>
      Array.from({ length: minutes / 2 + 1 }, (_, i) => from + i * 2 * MIN);
    const work = steps(t0, 50);
    const later = steps(t0 + 50 * MIN + 4 * 60 * MIN, 10);
    expect(sessionTime([...later, ...work])).toEqual({
      first: t0,
      last: t0 + 5 * 60 * MIN,
      elapsedMs: 5 * 60 * MIN,
      activeMs: 60 * MIN,
    });
  });

  it('keeps a gap of exactly the idle gap and drops one just over it', () => {
    expect(sessionTime([0, IDLE_GAP_MS]).activeMs).toBe(IDLE_GAP_MS);
    expect(sessionTime([0, IDLE_GAP_MS + 1]).activeMs).toBe(0);
  });

  it('is zero with fewer than two times, and ignores times that are not numbers', () => {
    expect(sessionTime([])).toEqual({ elapsedMs: 0, activeMs: 0 });
    expect(sessionTime([5, Number.NaN])).toEqual({ first: 5, last: 5, elapsedMs: 0, activeMs: 0 });
  });
});
