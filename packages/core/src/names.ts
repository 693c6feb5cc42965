import { reject } from './errors.js';
import { checkText } from './text.js';

/** The longest user name, in characters. */
export const NAME_MAX = 32;
/** The longest channel name, in characters. */
export const CHANNEL_NAME_MAX = 100;

/**
 * A user name: ASCII letters, digits, `_`, `.` and `-`, starting with a letter or digit. Being
 * ASCII, a name is its own NFKC form and cannot borrow look-alike letters from other scripts
 * (Cyrillic `а` for Latin `a`); full-width and other compatibility forms are refused, not mapped.
 */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const CHANNEL_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * The key a user name is unique under: its case fold. On ASCII names NFKC changes nothing and
 * case folding is lower-casing, so `Operator` and `operator` are one name.
 */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/**
 * Checks a user name and returns the form that is stored: its {@link nameKey}. Names are stored
 * folded so the store's unique index enforces uniqueness after folding; the display name keeps
 * the case the user typed.
 */
export function checkUserName(name: string): string {
  checkText('name', name, NAME_MAX);
  if (!NAME_PATTERN.test(name)) {
    reject(
      'invalid_name',
      `name "${name}" may hold only ASCII letters, digits, "_", "." and "-", starting with a letter or digit`,
    );
  }
  return nameKey(name);
}

/**
 * Checks a channel name: lowercase ASCII letters, digits, `_`, `.` and `-`, and not digits alone,
 * so a name can never be mistaken for a channel id.
 */
export function checkChannelName(name: string): string {
  checkText('channel name', name, CHANNEL_NAME_MAX);
  if (!CHANNEL_NAME_PATTERN.test(name)) {
    reject(
      'invalid_name',
      `channel name "${name}" may hold only lowercase letters, digits, "_", "." and "-"`,
    );
  }
  if (/^[0-9]+$/.test(name)) {
    reject('invalid_name', `channel name "${name}" is all digits: it would read as a channel id`);
  }
  return name;
}
