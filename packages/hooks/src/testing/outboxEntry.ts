import type { OutboxEntry } from '../outbox.js';

/** An outbox entry as a Stop of `sessionId` would leave it, with an empty payload. Test-only. */
export function outboxEntry(sessionId: string, text: string, projectDir = '/p'): OutboxEntry {
  const project = projectDir.split('/').at(-1) ?? '';
  return {
    sessionId,
    projectDir,
    host: 'devbox',
    text,
    payload: {
      sessionId,
      project,
      branch: null,
      tools: {},
      files: [],
      fileCount: 0,
      subagents: { count: 0, types: [], tools: {}, files: [], fileCount: 0 },
      durationMs: 0,
      elapsedMs: 0,
      turns: 1,
    },
    writtenAt: '2026-01-20T08:00:00.000Z',
  };
}
