// Sessions of a given size for the Stop benchmark, written with the tests' TranscriptBuilder:
// shaped like a long Claude Code 2.1 session (prompts, slash commands, task notifications,
// compaction, subagents), its bytes mostly tool results and file contents as in real ones.
import { TranscriptBuilder, writeSession } from '../src/testing/transcriptBuilder.js';
import type { SubagentFixture } from '../src/testing/transcriptBuilder.js';

const CWD = '/home/dev/projects/shop';
const text = (n: number, seed: number) =>
  Array.from(
    { length: Math.ceil(n / 50) },
    (_, i) => `line ${seed}-${i}: const value = compute(${i});`,
  )
    .join('\n')
    .slice(0, n);

/**
 * Writes a session of about `bytes` under `dir` (main transcript plus two subagents' files) and
 * returns its transcript's path. Each round is a turn: a prompt, reads with large results, an
 * edit, a write of a few kilobytes, a reply; every 20th round a subagent task, every 50th a
 * compaction, a slash command and a task notification.
 */
export async function writeBenchSession(
  dir: string,
  sessionId: string,
  bytes: number,
): Promise<string> {
  const main = new TranscriptBuilder({ sessionId, cwd: CWD, start: '2026-01-20T09:00:00.000Z' });
  const subagents: SubagentFixture[] = ['Explore', 'general-purpose'].map((agentType, i) => ({
    agentId: `bench${i}`,
    agentType,
    transcript: new TranscriptBuilder({
      sessionId,
      cwd: CWD,
      start: '2026-01-20T09:00:00.000Z',
      agentId: `bench${i}`,
    }),
  }));
  let size = 0;
  for (let round = 0; size < bytes; round++) {
    main.prompt(`Round ${round}: improve module ${round % 40}.`);
    main.tool('Read', { file_path: `${CWD}/src/m${round % 40}.ts` }, { resultBytes: 12_000 });
    main.tool('Grep', { pattern: `fn${round}` }, { resultBytes: 3_000 });
    main.tool('Edit', {
      file_path: `${CWD}/src/m${round % 40}.ts`,
      old_string: 'a',
      new_string: 'b',
    });
    main.tool('Write', { file_path: `${CWD}/src/gen/g${round}.ts`, content: text(4_000, round) });
    main.tool('Bash', { command: 'npm test' }, { resultBytes: 6_000 });
    if (round % 20 === 5) {
      const agent = subagents[round % 2] as SubagentFixture;
      agent.transcript.prompt(`Task ${round}`);
      for (let i = 0; i < 10; i++) {
        agent.transcript.tool('Read', { file_path: `${CWD}/src/s${i}.ts` }, { resultBytes: 8_000 });
      }
      agent.transcript.reply(`Task ${round} done.`);
      main.tool('Task', { subagent_type: agent.agentType, prompt: `Task ${round}` });
    }
    if (round % 50 === 10) {
      main.slash('review', `round ${round}`, 'Review the changes.');
      main.taskNotification(`bash_${round}`, 'toolu_x', 'Background command completed');
      main.compact(`Rounds up to ${round} are done.`);
    }
    main.reply(`Round ${round} done: ${text(600, round)}`);
    main.wait(60_000);
    if (round % 10 === 0) {
      size = main.size() + subagents.reduce((n, a) => n + a.transcript.size(), 0);
    }
  }
  return writeSession(dir, sessionId, main, subagents);
}
