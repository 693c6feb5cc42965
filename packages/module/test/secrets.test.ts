import type { TableName } from '@spaces/core';
import { SECOND, hashSecret, tables } from '@spaces/core';
import { LAST_CALL_RULE, cursorTables } from '@spaces/spacetime';
import { INVITE_CODES, PEOPLE, TOKENS, preludeCalls } from '@spaces/core/testing';
import { describe, expect, it } from 'vitest';
import { runInModule } from './crossEngine.js';
import { hostRows, loadSpaces } from './moduleBundle.js';

/** Every string anywhere in a table's rows. */
function stringsIn(rows: readonly Record<string, unknown>[]): string[] {
  return rows.flatMap((row) =>
    Object.values(row).filter((v): v is string => typeof v === 'string'),
  );
}

describe('secrets in the published module', () => {
  it('publishes invites and webhooks as private tables, and every other table as public', async () => {
    const description = (await loadSpaces()).describe();
    const visibility = Object.fromEntries(description.tables.map((t) => [t.name, t.public]));
    expect(visibility).toEqual(
      Object.fromEntries([
        ...Object.keys(tables).map((name) => [name, !['invites', 'webhooks'].includes(name)]),
        ...Object.keys(cursorTables).map((name) => [name, true]),
      ]),
    );
  });

  it('shows each caller only its own last_call row (its changes may hold its own secrets)', async () => {
    const host = await loadSpaces();
    expect(host.internals.schema.rlsRules).toContain(LAST_CALL_RULE);
  });

  it('keeps invite codes, webhook tokens and their hashes out of every public table', async () => {
    const prelude = preludeCalls();
    const t = prelude.at(-1)!.timestamp;
    const { host, outcomes } = await runInModule([
      ...prelude,
      // Use the webhook and the invite, so the secrets have been read and acted on.
      {
        reducer: 'execute_webhook',
        args: { webhookId: 1n, token: TOKENS[0], text: 'build green' },
        sender: PEOPLE.stranger,
        timestamp: t + SECOND,
      },
      {
        reducer: 'set_profile',
        args: { name: 'guest' },
        sender: PEOPLE.stranger,
        timestamp: t + 2n * SECOND,
      },
      {
        reducer: 'redeem_invite',
        args: { code: INVITE_CODES[0] },
        sender: PEOPLE.stranger,
        timestamp: t + 3n * SECOND,
      },
    ]);
    expect(
      outcomes.every((o) => o === 'ok'),
      outcomes.join(),
    ).toBe(true);

    const secrets = [
      INVITE_CODES[0],
      TOKENS[0],
      hashSecret(TOKENS[0]),
      hashSecret(INVITE_CODES[0]),
    ];
    // The private tables hold only the hashes, so finding none in public tables means something.
    expect(stringsIn(hostRows(host, 'invites'))).toContain(hashSecret(INVITE_CODES[0]));
    expect(stringsIn(hostRows(host, 'invites'))).not.toContain(INVITE_CODES[0]);
    expect(stringsIn(hostRows(host, 'webhooks'))).toContain(hashSecret(TOKENS[0]));
    expect(stringsIn(hostRows(host, 'webhooks'))).not.toContain(TOKENS[0]);

    const published = (Object.keys(tables) as TableName[]).filter((name) => tables[name].public);
    for (const table of published) {
      const strings = stringsIn(hostRows(host, table));
      for (const secret of secrets) {
        expect(
          strings.filter((s) => s.includes(secret)),
          `${secret} in ${table}`,
        ).toEqual([]);
      }
    }
    // The webhook's message is public, and names its webhook by id and name only.
    expect(stringsIn(hostRows(host, 'messages'))).toContain('build green');
  });
});
