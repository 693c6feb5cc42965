import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './cli.js';
import { ENGINES, hub, untilLive } from './cli.js';

// The examples, typed as written, from separate processes: on a real store in a
// temporary home, and on SpacetimeDB (the test server) with --host and --database.
describe.each(ENGINES)('the seed examples (%s)', (engine) => {
  let h: Hub;
  beforeAll(async () => {
    h = await hub(['agent-a'], engine);
    // `init` already made #agent-logs; remove it so the example creates it as the seed shows.
    expect((await h.as(undefined, 'channels', 'delete', 'agent-logs')).code).toBe(0);
  });
  const stops: Array<() => void> = [];
  afterAll(async () => {
    stops.forEach((s) => s());
    await h.close();
  });

  it('spaces channels create --name agent-logs --type agent-log', async () => {
    const r = await h.as(
      undefined,
      'channels',
      'create',
      '--name',
      'agent-logs',
      '--type',
      'agent-log',
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('created #agent-logs (agent-log');
    const list = await h.json<Array<{ name: string; kind: string }>>(undefined, 'channels', 'list');
    expect(list.find((c) => c.name === 'agent-logs')?.kind).toBe('AgentLog');
  });

  it('spaces subscribe --channel agent-logs sees spaces messages send --channel agent-logs --text "Agent A completed task #42"', async () => {
    const sub = h.start(undefined, 'subscribe', '--channel', 'agent-logs');
    stops.push(() => sub.child.kill('SIGINT'));
    await untilLive(sub, (n) =>
      h.as('agent-a', 'messages', 'send', '--channel', 'agent-logs', '--text', `warm-up ${n}`),
    );
    const sent = await h.as(
      'agent-a',
      'messages',
      'send',
      '--channel',
      'agent-logs',
      '--text',
      'Agent A completed task #42',
    );
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    await sub.waitFor((lines) => lines.some((l) => l.includes('Agent A completed task #42')));
    const line = sub.lines.find((l) => l.includes('Agent A completed task #42'))!;
    expect(line).toMatch(/^\d\d:\d\d:\d\d \[\d+\] agent-a: Agent A completed task #42$/);
    sub.child.kill('SIGINT');
    expect(await sub.exit).toBe(0);
  });

  it('creating the channel again is a conflict (exit 5) that names the channel', async () => {
    const r = await h.as(
      undefined,
      'channels',
      'create',
      '--name',
      'agent-logs',
      '--type',
      'agent-log',
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toBe('error: a channel named #agent-logs exists [name_taken]\n');
  });
});
