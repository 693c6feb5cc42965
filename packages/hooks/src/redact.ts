import { REDACTED, redactProse } from './secretRules.js';
import { secretlintRanges } from './secretlint.js';
import type { SecretRange } from './secretlint.js';

export { REDACTED, redactProse } from './secretRules.js';

/** Replaces each range with {@link REDACTED}; overlapping ranges become one. */
function blankRanges(text: string, ranges: readonly SecretRange[]): string {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue; // inside what is already blanked
    // A range that starts inside the previous one only extends it.
    if (start >= at) out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** Characters a token is made of: a range secretlint reports is widened over them. */
const TOKEN_CHAR = /[A-Za-z0-9+/=_-]/;

/**
 * Widens each range to the whole token around it. secretlint sometimes reports part of a value
 * (its AWS rule stops 40 characters into a longer string), and the rest must not leak.
 */
function widen(text: string, ranges: readonly SecretRange[]): SecretRange[] {
  return ranges.map(([start, end]) => {
    let s = start;
    let e = end;
    while (s > 0 && TOKEN_CHAR.test(text[s - 1] as string)) s--;
    while (e < text.length && TOKEN_CHAR.test(text[e] as string)) e++;
    return [s, e];
  });
}

/**
 * Replaces every secret in `text` with {@link REDACTED}: first our own rules for secrets in prose
 * and commands ({@link redactProse}), which keep a readable frame (`DB_PASS=[REDACTED]`,
 * `https://bob:[REDACTED]@host`), then whatever secretlint's recommended rules still find (token
 * formats, database and Basic-auth URLs, private keys), widened to the whole token. Idempotent.
 * Everything a hook posts or prints goes through this.
 */
export async function redact(text: string): Promise<string> {
  const prose = redactProse(text);
  return blankRanges(prose, widen(prose, await secretlintRanges(prose)));
}

/**
 * {@link redact} for many strings at once (file names, tool names): single-line strings are
 * scanned as one document, one per line, which is one secretlint run instead of hundreds.
 * No single-line secret crosses a line break, so joining them changes no finding.
 */
export async function redactAll(texts: readonly string[]): Promise<string[]> {
  const out = texts.map(redactProse);
  const lines: number[] = [];
  for (const [i, text] of out.entries()) {
    if (text.includes('\n') || text.includes('\r')) out[i] = await redact(text);
    else lines.push(i);
  }
  if (lines.length === 0) return out;
  const doc = lines.map((i) => out[i] as string).join('\n');
  const ranges = widen(doc, await secretlintRanges(doc));
  let start = 0;
  for (const i of lines) {
    const text = out[i] as string;
    const end = start + text.length;
    const own = ranges
      .filter(([s, e]) => s < end && e > start)
      .map(([s, e]): SecretRange => [Math.max(s, start) - start, Math.min(e, end) - start]);
    out[i] = blankRanges(text, own);
    start = end + 1;
  }
  return out;
}
