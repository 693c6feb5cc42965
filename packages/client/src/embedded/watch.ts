import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';

/**
 * Calls `wake` whenever another process (or this one) commits to the store. Writers touch the
 * store's notify file after every commit, so one inotify/FSEvents event stands for "the log may
 * have grown": the follower then reads the log from its last seq. No timer polls the tables.
 */
export function watchCommits(notifyFile: string, wake: () => void): { close(): void } {
  let watcher: FSWatcher | undefined = watch(notifyFile, { persistent: true }, () => wake());
  // If the file is replaced or the watch breaks, fall back to waking on the next local commit.
  watcher.on('error', () => {
    watcher?.close();
    watcher = undefined;
  });
  return {
    close() {
      watcher?.close();
      watcher = undefined;
    },
  };
}
