// Characters of a user name (core's rule). A mention ends where they end, or at a final "."
// that ends a sentence ("thanks @bob.").
const NAME_CHAR = '[A-Za-z0-9_.-]';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a text mentions `@name` (any case), not as part of a longer name or an address. */
export function mentions(text: string, name: string): boolean {
  if (name === '') return false;
  const pattern = new RegExp(
    `(?<!${NAME_CHAR})@${escape(name)}(?!${NAME_CHAR.replace('.', '')})(?!\\.${NAME_CHAR})`,
    'i',
  );
  return pattern.test(text);
}
