import { randomBytes } from 'node:crypto';
import type { ReducerArgs } from '@spaces/core';
import type { CallReceipt, Space } from './api.js';
import { inserted } from './receipts.js';

/** Letters and digits that cannot be misread for one another (no 0/o, 1/l/i). */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A fresh invite code: 16 characters from a CSPRNG (about 79 bits). Only its hash is stored, and
 * a stolen hash must not be reversible by trying codes, so it is long.
 */
export function newInviteCode(): string {
  // 248 is the largest multiple of 31 below 256: rejecting bytes above it keeps every letter equally likely.
  let code = '';
  while (code.length < 16) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && code.length < 16) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return code;
}

/** A fresh webhook token: 48 hex characters (192 bits) from a CSPRNG; never starts with '-'. */
export function newWebhookToken(): string {
  return randomBytes(24).toString('hex');
}

/**
 * Creates an invite, drawing its code here when none is given: the code is the credential, and
 * this is the only moment it exists in clear. `id` is undefined where the engine reports no
 * changes to its caller.
 */
export async function createInvite(
  space: Space,
  args: Omit<ReducerArgs['create_invite'], 'code'> & { code?: string },
): Promise<{ code: string; id: bigint | undefined; receipt: CallReceipt }> {
  const code = args.code ?? newInviteCode();
  const receipt = await space.reducers.create_invite({ ...args, code });
  return { code, id: inserted(receipt, 'invites')[0]?.id, receipt };
}

/** Creates a webhook with a fresh token, returned once: only its hash is ever stored. */
export async function createWebhook(
  space: Space,
  args: Omit<ReducerArgs['create_webhook'], 'token'>,
): Promise<{ token: string; id: bigint | undefined; receipt: CallReceipt }> {
  const token = newWebhookToken();
  const receipt = await space.reducers.create_webhook({ ...args, token });
  return { token, id: inserted(receipt, 'webhooks')[0]?.id, receipt };
}
