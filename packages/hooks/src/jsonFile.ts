import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomicFile.js';

/**
 * Reads a JSON settings file: undefined when it is missing or blank. A file that is not JSON is
 * refused with `refuse(reason)` rather than overwritten: it may hold settings someone relies on.
 */
export async function readJsonFile(
  path: string,
  refuse: (reason: string) => Error,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw refuse((error as Error).message);
  }
}

/**
 * Writes JSON (2-space indented) atomically, so no crash leaves half a file. Settings files keep
 * the usual mode (0666 under the umask): they belong to the project, not to a secret.
 */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', 0o666);
}
