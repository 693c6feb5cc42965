import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under `test/fixtures`. Test-only; not exported from the package. */
export const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

/** Text of a fixture. */
export const fixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');

/** A stdin fixture with its transcript pointed at a fixture transcript (or anywhere). */
export function stdinFixture(name: string, transcript?: string): string {
  const json = JSON.parse(fixture(name)) as Record<string, unknown>;
  if (transcript !== undefined) json['transcript_path'] = transcript;
  return JSON.stringify(json);
}

/** The fake Anthropic key planted in the fixtures, which must never come out of a hook. */
export const PLANTED_KEY =
  'sk-ant-api03-Xk9dQ2mZ7vLr4TnB8wYc1HfJ6pAe3GsU0oKiVbNq5RtMxWzEyDlC-hPjFgS7aT2uQ';

/** The planted password. */
export const PLANTED_PASSWORD = 'hunter2secret';
