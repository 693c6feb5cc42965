import { reject } from './errors.js';

/**
 * The rules every user-written text keeps, whatever field it fills: well-formed Unicode, a limit in
 * characters (code points, so an emoji counts once), and "empty" meaning nothing visible.
 */

/** True unless the string holds a lone surrogate (which UTF-8 and SpacetimeDB cannot carry). */
export function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed is ES2024 (Node 20, V8 11); our lib setting is ES2023.
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

// Whitespace and default-ignorable characters (zero-width spaces and joiners, soft hyphens,
// variation selectors, bidi marks…): a text of nothing else shows nothing.
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}]*$/u;

/** True for a text that shows nothing: only whitespace and default-ignorable characters. */
export function isBlank(text: string): boolean {
  return BLANK.test(text);
}

// C0 controls (newline and tab included), DEL and C1 controls.
const CONTROL = /\p{Cc}/u;

/** The number of code points: what our limits count, so an emoji counts as one character. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A low surrogate after a high one belongs to the same code point.
    if (unit < 0xdc00 || unit > 0xdfff || i === 0 || !isHigh(text.charCodeAt(i - 1))) n++;
  }
  return n;
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** How a text field is checked besides its limit. */
export interface TextRules {
  /** Accept a text that shows nothing (an optional description, a status text). */
  allowEmpty?: boolean;
  /** A one-line field (a title, a display name): no control characters at all, newline included. */
  line?: boolean;
}

/**
 * Checks a user-written text, naming the field: well-formed Unicode (`invalid_text`), not empty
 * (`empty`), at most `max` code points (`too_long`), and for one-line fields no control
 * characters (`invalid_text`). Returns the text unchanged: what is stored is what was sent.
 */
export function checkText(
  field: string,
  value: string,
  max: number,
  { allowEmpty = false, line = false }: TextRules = {},
): string {
  if (!isWellFormed(value)) {
    reject('invalid_text', `${field} is not well-formed Unicode (a lone surrogate)`);
  }
  const length = codePointLength(value);
  if (length > max) reject('too_long', `${field} is ${length} characters; the limit is ${max}`);
  if (!allowEmpty && isBlank(value)) reject('empty', `${field} must not be empty`);
  if (line && CONTROL.test(value)) {
    reject('invalid_text', `${field} must be one line without control characters`);
  }
  return value;
}

/** A value as it may be quoted in an error message: at most `max` code points, never split. */
export function clip(text: string, max = 40): string {
  const points = Array.from(text.slice(0, 2 * max + 2));
  return points.length > max || text.length > 2 * max + 2
    ? `${points.slice(0, max - 1).join('')}…`
    : text;
}
