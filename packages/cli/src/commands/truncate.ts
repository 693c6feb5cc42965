/** One line of at most `max` characters (code points: an emoji is never cut in half). */
export function truncate(text: string, max: number): string {
  const points = Array.from(text.slice(0, 4 * max).replace(/\s+/g, ' '));
  return points.length > max ? points.slice(0, max - 1).join('') + '…' : points.join('');
}
