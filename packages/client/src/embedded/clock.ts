/**
 * Call timestamps in microseconds. Date.now() has millisecond resolution, so calls within one
 * millisecond get successive microseconds: a process's timestamps always increase.
 */
export function monotonicClock(now: () => number = Date.now): () => bigint {
  let last = 0n;
  return () => {
    const micros = BigInt(now()) * 1000n;
    last = micros > last ? micros : last + 1n;
    return last;
  };
}

/** A fresh 32-bit seed for a call's randomness; stored in the log so replay reproduces it. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000);
}
