import { ConnectionError } from '../api.js';

/**
 * Fails fast with a ConnectionError when nothing answers HTTP at the host. The SDK attaches its
 * WebSocket error handler a tick after opening the socket, so a refused connection (which fails
 * within a millisecond on localhost) is never reported to `onConnectError` and would only end at
 * the connect timeout. Any HTTP answer, even an error status, means the host is there.
 */
export async function reachable(host: string, where: string, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const ping = async () => {
    const response = await fetch(new URL('/v1/ping', host), { signal });
    await response.body?.cancel();
  };
  try {
    // fetch reuses a kept-alive connection from an earlier request of this process; when the
    // server closes it idle just as we send, the socket is closed under us before any answer.
    // That says nothing of the host, and a ping is safe to send again, on a fresh connection.
    await ping().catch((error: unknown) => {
      if (!closedUnderUs(error)) throw error;
      return ping();
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new ConnectionError(`cannot connect to ${where}: ${why}`, { cause: error });
  }
}

/** A request that failed because the server closed its connection before answering. */
function closedUnderUs(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}
