import emojiRegex from 'emoji-regex';
import { reject } from './errors.js';
import { clip } from './text.js';

/** The longest `:short_code:` name, colons excluded. */
export const SHORT_CODE_MAX = 32;

// emoji-regex pins one Unicode version's RGI emoji list, so every engine (Node, SpacetimeDB's V8)
// accepts exactly the same reactions whatever Unicode data its own runtime carries.
const source = emojiRegex();
const ONE_EMOJI = new RegExp(`^(?:${source.source})$`, source.flags.replace('g', ''));
const SHORT_CODE = new RegExp(`^:[a-z0-9_+-]{1,${SHORT_CODE_MAX}}:$`);

/** True for one RGI emoji (a sequence counts as one: 👍🏽, 👩‍💻, 🇫🇷) or a `:short_code:`. */
export function isReaction(value: string): boolean {
  return SHORT_CODE.test(value) || ONE_EMOJI.test(value);
}

/**
 * Checks a reaction: exactly one RGI emoji, or a `:short_code:` of lowercase letters, digits, `_`,
 * `+` and `-` (at most 32 between the colons). Anything else is `invalid_emoji`.
 */
export function checkReaction(value: string): string {
  if (!isReaction(value)) {
    reject(
      'invalid_emoji',
      `a reaction is one emoji or a :short_code: (a-z, 0-9, _ + -, at most ${SHORT_CODE_MAX}); got "${clip(value)}"`,
    );
  }
  return value;
}
