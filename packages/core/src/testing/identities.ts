/**
 * A small, fixed pool of identities, so generated calls keep meeting the same people: enough to
 * cover every role, an agent or two, and someone who never registers.
 */
export const PEOPLE = {
  owner: 'a1'.repeat(32),
  admin: 'b2'.repeat(32),
  moderator: 'c3'.repeat(32),
  member: 'd4'.repeat(32),
  agent: 'e5'.repeat(32),
  agent2: 'f6'.repeat(32),
  stranger: '07'.repeat(32),
} as const;

/** One of the pool's names. */
export type Person = keyof typeof PEOPLE;

/** Every identity of the pool, in a stable order. */
export const POOL: readonly string[] = Object.values(PEOPLE);

/** The pool name of an identity, for readable failure output. */
export function personOf(identity: string): string {
  const found = Object.entries(PEOPLE).find(([, id]) => id === identity);
  return found ? found[0] : identity;
}

/** The first moment generated sequences and test hubs use: 2024-01-01T00:00:00Z, in microseconds. */
export const T0 = 1_704_067_200_000_000n;
