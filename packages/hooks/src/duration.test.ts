import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [400, '<1s'],
    [45_000, '45s'],
    [12 * 60_000 + 34_500, '12m 34s'],
    [5 * 60_000, '5m'],
    [3 * 3_600_000 + 4 * 60_000 + 5_000, '3h 4m'],
    [2 * 86_400_000 + 5 * 3_600_000, '2d 5h'],
    [Number.NaN, '0s'],
  ])('%d ms reads as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
