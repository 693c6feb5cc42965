import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Space } from '../api.js';
import { openSpace } from '../open.js';
import { addProfile } from '../profiles.js';

/**
 * Test-only: a fresh store folder per test with these local profiles, spaces opened as them
 * (`as`), and everything closed and removed after each test.
 */
export function useTempHome(profiles: readonly string[]) {
  let home = '';
  const open: Space[] = [];
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'spaces-client-'));
    for (const name of profiles) addProfile(home, name);
  });
  afterEach(async () => {
    for (const space of open.splice(0)) await space.close();
    rmSync(home, { recursive: true, force: true });
  });
  return {
    /** The current test's store folder. */
    home: () => home,
    /** Opens the space as a profile; closed after the test. */
    async as(name: string): Promise<Space> {
      const space = await openSpace({ home, as: name });
      open.push(space);
      return space;
    },
    /** Closes every space opened so far (to read the store's files at rest). */
    async closeAll(): Promise<void> {
      for (const space of open.splice(0)) await space.close();
    },
  };
}
