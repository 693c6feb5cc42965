/**
 * What other users wrote, made inert for a terminal: every character a terminal would act on
 * rather than show is printed as a visible escape. `--json` output never goes through here: JSON
 * carries the exact text (and escapes C0 controls itself).
 */

// C0 and C1 controls and DEL (ESC, BEL, CR, NUL…), bidi marks, embeddings, overrides and
// isolates (which reorder what follows them), line and paragraph separators, lone surrogates.
const UNSAFE = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible escape of one unsafe character: `\n`, `\x1b`, `\u202e`. */
function escape(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of someone else's text, inert: newlines, tabs and every control shown as escapes. */
export function inert(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * A multi-line text (a message), inert: each line after the first starts with `indent`, so no
 * line of it can pass for a line of the output's own (a forged `12:00:00 [99] op: …`). Tabs stay
 * tabs; a CR of a CRLF line end is dropped, any other control is shown as an escape.
 */
export function inertBlock(text: string, indent: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(UNSAFE, (c) => (c === '\t' ? c : escape(c))))
    .join(`\n${indent}`);
}

// Our own colours (SGR: ESC [ … m) first, else one unsafe character.
const GUARDED = new RegExp(`\\x1b\\[[0-9;]*m|${UNSAFE.source}`, 'gu');

/**
 * The last guard on a line of human output: any unsafe character still in it is escaped, except
 * the newlines and SGR colour codes the CLI writes itself. User text is made inert where it is
 * put in a line (which also stops it adding lines); this catches what a renderer forgot.
 */
export function guardLine(text: string): string {
  return text.replace(GUARDED, (match) =>
    match.length > 1 || match === '\n' ? match : escape(match),
  );
}

/** A row with each string field made {@link inert}, for the cells of a human table. */
export function inertRow<T>(row: T): T {
  if (typeof row !== 'object' || row === null) return row;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === 'string' ? inert(value) : value;
  }
  return out as T;
}
