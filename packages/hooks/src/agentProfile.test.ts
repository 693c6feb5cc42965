import { describe, expect, it } from 'vitest';
import { agentName, agentNameFor } from './agentName.js';
import { ensureAgentProfile, projectAgent, registerAgent } from './agentProfile.js';
import { createHub, openAs } from './testing/hub.js';
import { tempDir } from './testing/io.js';

describe('the per-project agent', () => {
  it('is named after the project folder and the machine', () => {
    expect(projectAgent('/home/dev/shop-front', 'devbox.example.com')).toEqual({
      name: agentName('shop-front', 'devbox.example.com'),
      displayName: 'Claude Code: shop-front on devbox',
    });
  });

  it('registers once, as an agent with its program and model, and keeps a user it finds', async () => {
    const home = await tempDir();
    await createHub(home);
    const agent = projectAgent('/p/shop', 'box');
    await ensureAgentProfile(home, agent.name);
    await ensureAgentProfile(home, agent.name); // a second call finds the profile
    const space = await openAs(home, agent.name);
    try {
      await registerAgent(space, agent, { program: 'codex', model: 'm-1' });
      expect(await space.me()).toMatchObject({
        name: agent.name,
        kind: 'agent',
        program: 'codex',
        model: 'm-1',
      });
      await registerAgent(space, agent, { program: 'other' });
      expect((await space.me())?.program).toBe('codex');
    } finally {
      await space.close();
    }
  });

  it('takes a suffixed name when another identity holds the agent’s', async () => {
    const home = await tempDir();
    await createHub(home);
    const agent = projectAgent('/p/shop', 'box');
    const holder = await openAs(home, 'holder');
    await holder.reducers.set_profile({ name: agent.name });
    await holder.close();
    const space = await openAs(home, 'second');
    try {
      await registerAgent(space, agent, {});
      expect((await space.me())?.name).toBe(agentNameFor(agent.name, space.identity));
    } finally {
      await space.close();
    }
  });
});
