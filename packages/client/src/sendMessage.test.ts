import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Space } from './api.js';
import { openSpace } from './open.js';
import { addProfile } from './profiles.js';
import { sendMessage } from './sendMessage.js';
import { StoreError } from './storeError.js';

let home: string;
let space: Space;
let general: bigint;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'spaces-send-'));
  addProfile(home, 'owner');
  space = await openSpace({ home, as: 'owner' });
  await space.createHub({ name: 'owner' });
  general = (await space.channel('general'))!.id;
});

afterEach(async () => {
  await space.close();
  rmSync(home, { recursive: true, force: true });
});

/** The space, but its send fails with an I/O error, after committing or before. */
function failingSend(commitFirst: boolean): Space {
  const fail = () => new StoreError('store_unavailable', 'disk I/O error', home);
  const reducers = {
    ...space.reducers,
    send_message: async (args: Parameters<Space['reducers']['send_message']>[0]) => {
      if (commitFirst) await space.reducers.send_message(args);
      throw fail();
    },
  };
  return Object.assign(Object.create(space) as Space, { reducers });
}

describe('sendMessage', () => {
  it('returns the stored row, with a nonce it chose', async () => {
    const sent = await sendMessage(space, { channelId: general, text: 'hello' });
    expect(sent.message).toMatchObject({ text: 'hello', nonce: sent.nonce, channelId: general });
    expect(sent.recovered).toBe(false);
    expect(sent.nonce).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('posts once when retried with the same nonce, and returns the first row both times', async () => {
    const first = await sendMessage(space, { channelId: general, text: 'once', nonce: 'k1' });
    const again = await sendMessage(space, { channelId: general, text: 'once', nonce: 'k1' });
    expect([first.repeated, again.repeated]).toEqual([false, true]);
    expect(again.message?.id).toBe(first.message?.id);
    expect((await space.messages(general)).filter((m) => m.text === 'once')).toHaveLength(1);
  });

  it('reports a send that failed after it committed as sent, found by its nonce', async () => {
    const sent = await sendMessage(failingSend(true), { channelId: general, text: 'stored' });
    expect(sent).toMatchObject({ recovered: true, message: { text: 'stored' } });
    expect((await space.messages(general)).filter((m) => m.text === 'stored')).toHaveLength(1);
  });

  it('reports the error when the message was not stored, and a refusal as it is', async () => {
    await expect(
      sendMessage(failingSend(false), { channelId: general, text: 'lost' }),
    ).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(sendMessage(space, { channelId: general, text: '\u200b' })).rejects.toMatchObject({
      code: 'empty',
    });
  });
});
