// Replay and verify speed: calls/s through core over a whole log, in large transactions.

/** Times `verify()` and `replay()` of a space's log; both must end well. */
export async function replayFigures(space, onProgress) {
  let start = performance.now();
  const report = await space.verify(onProgress);
  const verifySeconds = (performance.now() - start) / 1000;
  if (!report.ok) throw new Error(`verify failed: ${JSON.stringify(report.differences)}`);
  start = performance.now();
  await space.replay(onProgress);
  const replaySeconds = (performance.now() - start) / 1000;
  const again = await space.verify();
  if (!again.ok)
    throw new Error(`verify after replay failed: ${JSON.stringify(again.differences)}`);
  return {
    calls: report.calls,
    verifyPerSec: report.calls / verifySeconds,
    replayPerSec: report.calls / replaySeconds,
  };
}
