import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportProgress } from './waitTool.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const extraWith = (progressToken?: string) => {
  const sent: unknown[] = [];
  const extra = {
    _meta: progressToken === undefined ? undefined : { progressToken },
    sendNotification: (n: unknown) => {
      sent.push(n);
      return Promise.resolve();
    },
  } as unknown as Extra;
  return { extra, sent };
};

afterEach(() => vi.useRealTimers());

describe('progress while waiting', () => {
  it('reports progress to a client that asked for it, until stopped', () => {
    vi.useFakeTimers();
    const { extra, sent } = extraWith('tok');
    const progress = reportProgress(extra, 60_000);
    vi.advanceTimersByTime(25_000);
    expect(sent).toEqual([
      expect.objectContaining({
        method: 'notifications/progress',
        params: expect.objectContaining({ progressToken: 'tok', progress: 10, total: 60 }),
      }),
      expect.objectContaining({ params: expect.objectContaining({ progress: 20 }) }),
    ]);
    progress.stop();
    vi.advanceTimersByTime(60_000);
    expect(sent).toHaveLength(2);
  });

  it('sends nothing to a client that did not ask', () => {
    vi.useFakeTimers();
    const { extra, sent } = extraWith();
    reportProgress(extra, 60_000);
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
  });
});
