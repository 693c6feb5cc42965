import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Space } from './api.js';
import { openSpace } from './open.js';
import { addProfile } from './profiles.js';
import { sendMessage } from './sendMessage.js';

let home: string;
let space: Space;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'spaces-send-'));
  addProfile(home, 'owner');
  space = await openSpace({ home, as: 'owner' });
  await space.createHub({ name: 'owner' });
});

afterEach(async () => {
  await space.close();
  rmSync(home, { recursive: true, force: true });
});

describe('sendMessage', () => {
  it('returns the row it posted, and the same row without posting again on a retry', async () => {
    const general = (await space.channel('general'))!;
    const first = await sendMessage(space, { channelId: general.id, text: 'hi', nonce: 'n-1' });
    expect(first.repeated).toBe(false);
    expect(first.message).toMatchObject({ text: 'hi', nonce: 'n-1', sender: space.identity });
    const retry = await sendMessage(space, { channelId: general.id, text: 'hi', nonce: 'n-1' });
    expect(retry.repeated).toBe(true);
    expect(retry.message.id).toBe(first.message.id);
    const texts = (await space.messages(general.id, { limit: 10 })).map((m) => m.text);
    expect(texts.filter((t) => t === 'hi')).toHaveLength(1);
  });

  it('rejects a refused send with core’s error and posts nothing', async () => {
    const general = (await space.channel('general'))!;
    await expect(
      sendMessage(space, { channelId: general.id, text: '', nonce: 'n-2' }),
    ).rejects.toMatchObject({ code: 'empty' });
    expect(await space.messages(general.id, { limit: 10 })).toHaveLength(0);
  });
});
