import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from './cli.js';
import { ENGINES, hub } from './cli.js';

type Row = Record<string, unknown>;

// Every command's happy path, in order, on one hub: what a user would check after each.
describe.each(ENGINES)(
  'every command, happy path: topics, events, invites, webhooks, moderation, log (%s)',
  (engine) => {
    let h: Hub;
    beforeAll(async () => {
      h = await hub(['agent-a', 'agent-b', 'alice'], engine);
    });
    afterAll(() => h.close());

    it('topics create|list|resolve|reopen, events emit|list', async () => {
      const topic = await h.json<Row>(
        'agent-a',
        'topics',
        'create',
        '--channel',
        'agent-logs',
        '--title',
        'flaky test',
      );
      expect(topic).toMatchObject({ title: 'flaky test', status: 'open', channel: 'agent-logs' });
      const tid = String(topic['id']);
      expect(
        (
          await h.as(
            'agent-a',
            'messages',
            'send',
            '--channel',
            'agent-logs',
            '--topic',
            tid,
            '--text',
            'looking',
          )
        ).code,
      ).toBe(0);
      expect(
        await h.json(undefined, 'messages', 'list', '--channel', 'agent-logs', '--topic', tid),
      ).toMatchObject([{ text: 'looking' }]);
      expect((await h.as('agent-a', 'topics', 'resolve', tid)).code).toBe(0);
      expect(await h.json(undefined, 'topics', 'list', '--channel', 'agent-logs')).toMatchObject([
        { status: 'resolved' },
      ]);
      expect((await h.as('agent-a', 'topics', 'reopen', tid)).code).toBe(0);

      const payload = JSON.stringify({ task: '#42', summary: 'done' });
      expect(
        (
          await h.as(
            'agent-a',
            'events',
            'emit',
            '--channel',
            'agent-logs',
            '--kind',
            'task.completed@1',
            '--payload',
            payload,
          )
        ).code,
      ).toBe(0);
      const events = await h.json<Row[]>(undefined, 'events', 'list', '--kind', 'task.completed@1');
      expect(events).toMatchObject([
        {
          kind: 'task.completed@1',
          payload: { task: '#42', summary: 'done' },
          senderName: 'agent-a',
          channel: 'agent-logs',
        },
      ]);
    });

    it('invites create|redeem|revoke|list', async () => {
      const invite = await h.json<Row>(
        undefined,
        'invites',
        'create',
        '--channel',
        'general',
        '--role',
        'member',
        '--max-uses',
        '2',
        '--expires',
        '1d',
      );
      expect(invite['code']).toMatch(/^[a-z2-9]{16}$/);
      expect(invite).toMatchObject({ role: 'Member', maxUses: 2, channel: 'general' });
      expect((await h.as('agent-b', 'invites', 'redeem', String(invite['code']))).code).toBe(0);
      expect(await h.json('agent-b', 'whoami')).toMatchObject({ role: 'Member' });
      const chosen = await h.json<Row>(undefined, 'invites', 'create', '--code', 'team-2025');
      expect(chosen['code']).toBe('team-2025');
      expect((await h.as(undefined, 'invites', 'revoke', String(chosen['id']))).code).toBe(0);
      const revoked = await h.as('agent-a', 'invites', 'redeem', 'team-2025');
      expect(revoked.code).toBe(4);
      expect(revoked.stderr).toBe('error: no such invite (or it was revoked) [not_found]\n');

      // agent-b is a Member now: it may invite Agents, and sees only its own invites.
      const own = await h.json<Row>('agent-b', 'invites', 'create', '--role', 'agent');
      const all = await h.json<Row[]>(undefined, 'invites', 'list');
      expect(all.map((i) => i['id'])).toEqual([invite['id'], chosen['id'], own['id']]);
      expect(all[0]).toMatchObject({ channel: 'general', role: 'Member', uses: 1, maxUses: 2 });
      expect(all[1]).toMatchObject({ revoked: true });
      // A code is shown once, at create: lists never carry it or its hash.
      for (const row of all) expect(Object.keys(row)).not.toEqual(expect.arrayContaining(['code']));
      expect(JSON.stringify(all)).not.toContain('team-2025');
      expect(await h.json<Row[]>('agent-b', 'invites', 'list')).toMatchObject([
        { id: own['id'], role: 'Agent' },
      ]);
      const human = await h.as(undefined, 'invites', 'list');
      expect(human.code).toBe(0);
      expect(human.stdout).toContain('revoked');
    });

    it('webhooks create|list|execute|delete', async () => {
      const hook = await h.json<Row>(
        undefined,
        'webhooks',
        'create',
        '--channel',
        'general',
        '--name',
        'ci',
      );
      expect(hook['token']).toMatch(/^[0-9a-f]{48}$/);
      expect(hook['id']).toEqual(expect.any(Number));
      const id = String(hook['id']);
      const listed = await h.json<Row[]>(undefined, 'webhooks', 'list');
      expect(listed).toMatchObject([{ id: hook['id'], name: 'ci', channel: 'general' }]);
      expect(listed[0]).not.toHaveProperty('tokenHash');
      // Others see no webhook (and never a token or its hash).
      expect(await h.json<Row[]>('agent-b', 'webhooks', 'list')).toEqual([]);
      expect(
        (
          await h.as(
            'agent-b',
            'webhooks',
            'execute',
            '--id',
            id,
            '--token',
            String(hook['token']),
            '--text',
            'deploy finished',
          )
        ).code,
      ).toBe(0);
      const wrong = await h.as(
        'agent-b',
        'webhooks',
        'execute',
        '--id',
        id,
        '--token',
        'not-the-token',
        '--text',
        'x',
      );
      expect(wrong.code).toBe(3);
      // The post is the webhook's, named as it, not as the Owner who created it.
      expect(
        (await h.json<Row[]>(undefined, 'messages', 'list', '--channel', 'general')).at(-1),
      ).toMatchObject({
        text: 'deploy finished',
        senderName: 'ci',
        webhook: { id: hook['id'], name: 'ci' },
      });
      const chat = await h.as(undefined, 'messages', 'list', '--channel', 'general');
      expect(chat.stdout).toMatch(/ci \[webhook\]: deploy finished/);
      expect((await h.as(undefined, 'webhooks', 'delete', id)).code).toBe(0);
      const gone = await h.as(
        'agent-b',
        'webhooks',
        'execute',
        '--id',
        id,
        '--token',
        String(hook['token']),
        '--text',
        'x',
      );
      expect(gone.code).toBe(3);
    });

    it('moderation timeout|ban|unban|kick, owner transfer', async () => {
      expect(
        (await h.as(undefined, 'moderation', 'timeout', 'agent-b', '--until', '10m')).code,
      ).toBe(0);
      const muted = await h.as(
        'agent-b',
        'messages',
        'send',
        '--channel',
        'general',
        '--text',
        'can I talk?',
      );
      expect(muted.code).toBe(3);
      expect(muted.stderr).toMatch(/^error: you are timed out until .* \[timed_out\]\n$/);
      expect(
        (await h.as(undefined, 'moderation', 'ban', 'agent-b', '--reason', 'spam', '--until', '2h'))
          .code,
      ).toBe(0);
      expect(await h.json<Row[]>(undefined, 'roles', 'list')).toContainEqual(
        expect.objectContaining({ name: 'agent-b', banned: true, banReason: 'spam' }),
      );
      expect((await h.as(undefined, 'moderation', 'unban', 'agent-b')).code).toBe(0);
      expect((await h.as('agent-a', 'channels', 'join', 'general')).code).toBe(0);
      expect(
        (await h.as(undefined, 'moderation', 'kick', 'agent-a', '--channel', 'general')).code,
      ).toBe(0);
      expect((await h.as(undefined, 'owner', 'transfer', 'alice')).code).toBe(0);
      expect(await h.json(undefined, 'whoami')).toMatchObject({ role: 'Admin' });
      expect(await h.json('alice', 'whoami')).toMatchObject({ role: 'Owner' });
    });

    it('log verify|replay (embedded: a server keeps its own log), and call for any reducer', async () => {
      if (engine === 'embedded') {
        const report = await h.json<Row>(undefined, 'log', 'verify');
        expect(report).toMatchObject({ ok: true, differences: {} });
        expect(report['calls']).toBeGreaterThan(20);
        expect((await h.as(undefined, 'log', 'replay')).code).toBe(0);
      } else {
        expect((await h.as(undefined, 'log', 'verify')).code).toBe(2);
      }
      // Any reducer by name, with JSON arguments. (Not presence here: on SpacetimeDB the
      // caller's own disconnect, as the command exits, sets its presence back to Offline.)
      const channels = await h.json<Row[]>(undefined, 'channels', 'list');
      const channelId = String(channels.find((c) => c['name'] === 'agent-logs')?.['id']);
      const called = await h.as(
        'agent-a',
        'call',
        'create_topic',
        JSON.stringify({ channelId, title: 'via call' }),
      );
      expect(called.code).toBe(0);
      expect(
        (await h.json<Row[]>(undefined, 'topics', 'list', '--channel', 'agent-logs')).map(
          (t) => t['title'],
        ),
      ).toContain('via call');
      if (engine === 'embedded') {
        const verified = await h.as(undefined, 'log', 'verify');
        expect(verified.stdout).toMatch(/log verified: replaying \d+ calls reproduces every table/);
      }
    });
  },
);
