/** Appended where text was cut. */
export const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters, cutting at a word boundary when one is
 * reasonably near and marking the cut with {@link ELLIPSIS}.
 */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = max - ELLIPSIS.length;
  // Never split a surrogate pair: half an emoji is invalid UTF-16 and some JSON readers reject it.
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const head = text.slice(0, cut);
  const space = head.search(/\s\S*$/);
  // Backing up to a word boundary is worth it only if it keeps most of the budget;
  // one giant token (a path, a hash) is cut mid-word instead.
  const end = space >= cut * 0.6 ? space : cut;
  return head.slice(0, end).trimEnd() + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
