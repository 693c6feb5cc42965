import fc from 'fast-check';
import type { Call } from '../engine/call.js';
import { CHANNEL_TYPES, PRESENCE_STATUSES, ROLES } from '../enums.js';
import type { ReducerName } from '../reducers/index.js';
import { ID_MAX, TIMESTAMP_MAX } from '../args.js';
import { SECOND } from '../time.js';
import { PEOPLE, POOL, T0 } from './identities.js';
import { texts } from './texts.js';

/** What a generated step may assume exists: upper bounds, counted as if every create succeeded. */
interface Plausible {
  /** The timestamp the step's call will carry. */
  now: bigint;
  channels: number;
  messages: number;
  topics: number;
  webhooks: number;
  invites: number;
}

type Args = Record<string, unknown>;
/** A step draws its arguments once, then fills in ids from what plausibly exists at its turn. */
type Step = { reducer: ReducerName; args: (p: Plausible) => Args };

/** Reducers mostly called by the Owner, an Admin or a Moderator, so they are not all refused. */
const STAFF: ReadonlySet<ReducerName> = new Set<ReducerName>([
  'update_channel',
  'delete_channel',
  'add_member',
  'remove_member',
  'set_role',
  'transfer_ownership',
  'ban_user',
  'unban_user',
  'timeout_user',
  'pin_message',
  'unpin_message',
  'revoke_invite',
  'create_webhook',
  'delete_webhook',
]);

/** Three webhook tokens, so executes can present a right or a wrong one. */
export const TOKENS = ['token-one', 'token-two', 'token-three'] as const;
/** Invite codes the generator both creates and redeems, so they meet. */
export const INVITE_CODES = ['invite-aaa', 'invite-bbb', 'invite-ccc'] as const;
/** 22 emoji: two more than a message may carry. */
export const EMOJI = [...'👍👎😀😂😍🎉🚀🔥💯👀🤖✅❌⭐🌈🍕🐛🧪📌🔔🧠🛠'] as const;
/** Reactions that are not one emoji (refused), beside a short code (accepted). */
const NOT_EMOJI = ['notanemoji', '\x1b[2J', '👍👍', ':ship-it:'] as const;

/**
 * Picks an id in 1..count+1, skewed towards low ids: the counts are upper bounds (refused creates
 * count too), so low ids are the ones most likely to exist; count+1 is usually missing. About one
 * in a hundred is past {@link ID_MAX}, which every engine must refuse alike.
 */
const idArb = (pick: (p: Plausible) => number) =>
  fc
    .integer({ min: 0, max: 1009 })
    .map(
      (n) => (p: Plausible) =>
        n >= 1000 ? ID_MAX + 1n : BigInt(1 + Math.floor((n / 1000) ** 2 * (pick(p) + 1))),
    );

const who = fc.constantFrom(...POOL);
const role = fc.constantFrom<string>(...ROLES, 'Member', 'Agent', 'King');
/** Offsets from now: mostly the future, sometimes the past or past year 9999 (to be rejected). */
const later = fc.constantFrom(
  -SECOND,
  30n * SECOND,
  600n * SECOND,
  86_400n * SECOND,
  TIMESTAMP_MAX,
);
const opt = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });

const channel = idArb((p) => p.channels);
const message = idArb((p) => p.messages);
const topic = idArb((p) => p.topics);
const webhook = idArb((p) => p.webhooks);
const invite = idArb((p) => p.invites);

/** Drops undefined members, as a JSON client would. */
function defined(args: Args): Args {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}

const step = <R extends ReducerName, A>(
  reducer: R,
  arb: fc.Arbitrary<A>,
  fill: (a: A, p: Plausible) => Args,
): fc.Arbitrary<Step> => arb.map((a) => ({ reducer, args: (p) => defined(fill(a, p)) }));

const none = fc.constant({});

/** One arbitrary step per reducer, with a weight: posting is common, ownership transfer rare. */
const STEPS: ReadonlyArray<{ weight: number; arbitrary: fc.Arbitrary<Step> }> = [
  { weight: 1, arbitrary: step('init', none, () => ({})) },
  { weight: 2, arbitrary: step('client_connected', none, () => ({})) },
  { weight: 1, arbitrary: step('client_disconnected', none, () => ({})) },
  {
    weight: 2,
    arbitrary: step(
      'set_profile',
      fc.record({ name: texts.userName, kind: opt(fc.constantFrom('human', 'agent', 'robot')) }),
      (a) => ({ ...a, program: a.kind === 'agent' ? 'claude-code' : undefined }),
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      'set_presence',
      fc.record({
        status: fc.constantFrom<string>(...PRESENCE_STATUSES, 'Away'),
        statusText: opt(texts.short),
      }),
      (a) => a,
    ),
  },
  {
    weight: 3,
    arbitrary: step(
      'create_channel',
      fc.record({
        name: texts.channelName,
        kind: fc.constantFrom<string>(...CHANNEL_TYPES, 'Text', 'Forum'),
        private: opt(fc.boolean()),
      }),
      (a) => a,
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      'update_channel',
      fc.record({ c: channel, name: opt(texts.channelName), private: opt(fc.boolean()) }),
      (a, p) => ({ channelId: a.c(p), name: a.name, private: a.private }),
    ),
  },
  { weight: 1, arbitrary: step('delete_channel', channel, (c, p) => ({ channelId: c(p) })) },
  { weight: 3, arbitrary: step('join_channel', channel, (c, p) => ({ channelId: c(p) })) },
  { weight: 1, arbitrary: step('leave_channel', channel, (c, p) => ({ channelId: c(p) })) },
  {
    weight: 2,
    arbitrary: step('add_member', fc.tuple(channel, who), ([c, id], p) => ({
      channelId: c(p),
      identity: id,
    })),
  },
  {
    weight: 1,
    arbitrary: step('remove_member', fc.tuple(channel, who), ([c, id], p) => ({
      channelId: c(p),
      identity: id,
    })),
  },
  {
    weight: 3,
    arbitrary: step('set_role', fc.tuple(who, role), ([identity, r]) => ({ identity, role: r })),
  },
  { weight: 1, arbitrary: step('transfer_ownership', who, (identity) => ({ identity })) },
  {
    weight: 1,
    arbitrary: step(
      'ban_user',
      fc.tuple(who, opt(later), opt(texts.short)),
      ([identity, until, reason], p) => ({
        identity,
        reason,
        until: until === undefined ? undefined : p.now + until,
      }),
    ),
  },
  { weight: 1, arbitrary: step('unban_user', who, (identity) => ({ identity })) },
  {
    weight: 1,
    arbitrary: step('timeout_user', fc.tuple(who, later), ([identity, until], p) => ({
      identity,
      until: p.now + until,
    })),
  },
  {
    weight: 12,
    arbitrary: step(
      'send_message',
      fc.record({
        c: channel,
        text: texts.message,
        topic: opt(topic, 5),
        reply: opt(message, 5),
        nonce: opt(fc.constantFrom('n1', 'n2', 'n3')),
      }),
      (a, p) => ({
        channelId: a.c(p),
        text: a.text,
        topicId: a.topic?.(p),
        replyTo: a.reply?.(p),
        nonce: a.nonce,
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: step('edit_message', fc.tuple(message, texts.message), ([m, text], p) => ({
      messageId: m(p),
      text,
    })),
  },
  { weight: 2, arbitrary: step('delete_message', message, (m, p) => ({ messageId: m(p) })) },
  {
    weight: 4,
    arbitrary: step(
      'add_reaction',
      fc.tuple(message, fc.constantFrom(...EMOJI, ...NOT_EMOJI)),
      ([m, emoji], p) => ({
        messageId: m(p),
        emoji,
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      'remove_reaction',
      fc.tuple(message, fc.constantFrom(...EMOJI)),
      ([m, emoji], p) => ({
        messageId: m(p),
        emoji,
      }),
    ),
  },
  { weight: 2, arbitrary: step('pin_message', message, (m, p) => ({ messageId: m(p) })) },
  { weight: 1, arbitrary: step('unpin_message', message, (m, p) => ({ messageId: m(p) })) },
  {
    weight: 2,
    arbitrary: step('mark_read', fc.tuple(channel, message), ([c, m], p) => ({
      channelId: c(p),
      messageId: m(p),
    })),
  },
  {
    weight: 2,
    arbitrary: step(
      'create_invite',
      fc.record({
        c: opt(channel),
        role: opt(role),
        maxUses: opt(fc.constantFrom(0, 1, 2)),
        expires: opt(later),
        // Always given: a code is required, and a call without one cannot even be encoded for
        // SpacetimeDB. 'bad code' breaks the code's pattern.
        code: fc.constantFrom(...INVITE_CODES, 'bad code'),
      }),
      (a, p) => ({
        channelId: a.c?.(p),
        role: a.role,
        maxUses: a.maxUses,
        expiresAt: a.expires === undefined ? undefined : p.now + a.expires,
        code: a.code,
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: step('redeem_invite', fc.constantFrom(...INVITE_CODES), (code) => ({ code })),
  },
  {
    weight: 1,
    arbitrary: step('revoke_invite', invite, (i, p) => ({ inviteId: i(p) })),
  },
  {
    weight: 2,
    arbitrary: step('create_topic', fc.tuple(channel, texts.topicTitle), ([c, title], p) => ({
      channelId: c(p),
      title,
    })),
  },
  { weight: 1, arbitrary: step('resolve_topic', topic, (t, p) => ({ topicId: t(p) })) },
  { weight: 1, arbitrary: step('reopen_topic', topic, (t, p) => ({ topicId: t(p) })) },
  {
    weight: 3,
    arbitrary: step(
      'emit_event',
      fc.record({ c: channel, event: texts.event, text: opt(texts.short) }),
      (a, p) => ({ channelId: a.c(p), kind: a.event.kind, payload: a.event.payload, text: a.text }),
    ),
  },
  {
    weight: 1,
    arbitrary: step(
      'create_webhook',
      fc.tuple(channel, fc.constantFrom(...TOKENS)),
      ([c, token], p) => ({ channelId: c(p), name: 'ci', token }),
    ),
  },
  { weight: 1, arbitrary: step('delete_webhook', webhook, (w, p) => ({ webhookId: w(p) })) },
  {
    weight: 2,
    arbitrary: step(
      'execute_webhook',
      fc.tuple(webhook, fc.constantFrom(...TOKENS), texts.message),
      ([w, token, text], p) => ({ webhookId: w(p), token, text }),
    ),
  },
];

/** How each accepted-looking call grows what later steps may refer to. */
function grow(p: Plausible, reducer: ReducerName, args: Args): void {
  if (reducer === 'init') p.channels = Math.max(p.channels, 3);
  if (reducer === 'create_channel') p.channels += 1;
  if (['send_message', 'emit_event', 'execute_webhook'].includes(reducer)) p.messages += 1;
  if (reducer === 'join_channel' || reducer === 'leave_channel' || reducer === 'add_member')
    p.messages += 1; // Voice Join/Leave
  if (reducer === 'create_topic') p.topics += 1;
  if (reducer === 'create_webhook') p.webhooks += 1;
  if (reducer === 'create_invite') p.invites += 1;
  void args;
}

/**
 * A private channel every generated sequence (with a prelude) has from the start, so who may see
 * what is tested on every run: #vault (id 4), the Member's, with both agents in it, one of them
 * banned for a minute, and messages.
 */
function vaultCalls(after: bigint): Call[] {
  const steps: Array<[string, ReducerName, Args]> = [
    [PEOPLE.member, 'create_channel', { name: 'vault', kind: 'Text', private: true }],
    [PEOPLE.member, 'add_member', { channelId: 4n, identity: PEOPLE.agent }],
    [PEOPLE.member, 'add_member', { channelId: 4n, identity: PEOPLE.agent2 }],
    [PEOPLE.member, 'send_message', { channelId: 4n, text: 'in the vault' }],
    // A ban that ends a minute later: agent2 must see nothing of the vault meanwhile, and its
    // first call after the end lifts it.
    [PEOPLE.moderator, 'ban_user', { identity: PEOPLE.agent2, until: after + 60n * SECOND }],
    [PEOPLE.member, 'send_message', { channelId: 4n, text: 'while agent2 is banned' }],
  ];
  return steps.map(([sender, reducer, args], i) => ({
    reducer,
    args,
    sender,
    timestamp: after + BigInt(i + 1) * SECOND,
    seed: 100 + i,
  }));
}

/**
 * The calls every generated sequence starts with: the Owner creates the hub, the pool registers
 * (two of them as agents), and the Owner appoints an Admin and a Moderator.
 */
export function preludeCalls(start: bigint = T0): Call[] {
  const steps: Array<[string, ReducerName, Args]> = [
    // init as SpacetimeDB runs it (at publish, with no arguments), then the Owner's profile.
    [PEOPLE.owner, 'init', {}],
    [PEOPLE.owner, 'set_profile', { name: 'owner' }],
    [PEOPLE.admin, 'set_profile', { name: 'admin' }],
    [PEOPLE.moderator, 'set_profile', { name: 'moderator' }],
    [PEOPLE.member, 'set_profile', { name: 'member' }],
    [PEOPLE.agent, 'set_profile', { name: 'agent', kind: 'agent', program: 'claude-code' }],
    [PEOPLE.agent2, 'set_profile', { name: 'agent2', kind: 'agent' }],
    [PEOPLE.owner, 'set_role', { identity: PEOPLE.admin, role: 'Admin' }],
    [PEOPLE.owner, 'set_role', { identity: PEOPLE.moderator, role: 'Moderator' }],
    [PEOPLE.member, 'send_message', { channelId: 1n, text: 'hello' }],
    [
      PEOPLE.agent,
      'emit_event',
      { channelId: 2n, kind: 'task.started@1', payload: '{"task":"build"}' },
    ],
    [PEOPLE.member, 'create_topic', { channelId: 1n, title: 'release plan' }],
    [PEOPLE.admin, 'create_webhook', { channelId: 2n, name: 'ci', token: TOKENS[0] }],
    [PEOPLE.admin, 'create_invite', { code: INVITE_CODES[0], role: 'Member' }],
  ];
  return steps.map(([sender, reducer, args], i) => ({
    reducer,
    args,
    sender,
    timestamp: start + BigInt(i) * SECOND,
    seed: i,
  }));
}

/** Options of {@link callsArb}. */
export interface CallsOptions {
  /** Longest random tail after the prelude (default 60). */
  maxLength?: number;
  /** Start with {@link preludeCalls} (default true); without it, `init` still comes first. */
  prelude?: boolean;
}

/**
 * Sequences of calls that are mostly valid: all 35 reducers, a small pool of identities, ids drawn
 * from what plausibly exists, texts at and just past their limits, increasing timestamps. Plain
 * `Call` objects, so any engine can run them.
 */
export function callsArb(options: CallsOptions = {}): fc.Arbitrary<Call[]> {
  const stepArb = fc.oneof(...STEPS.map((s) => ({ weight: s.weight, arbitrary: s.arbitrary })));
  const staff = fc.constantFrom(PEOPLE.owner, PEOPLE.admin, PEOPLE.moderator);
  const others = fc.constantFrom(PEOPLE.member, PEOPLE.agent, PEOPLE.agent2);
  // Index 0 is staff, 1 everyone else, 2 the stranger; staff reducers lean on the first.
  const senderArb = fc.tuple(fc.integer({ min: 0, max: 9 }), staff, others);
  const gapArb = fc.oneof(
    { weight: 9, arbitrary: fc.bigInt({ min: 1n, max: 5n * SECOND }) },
    { weight: 1, arbitrary: fc.constantFrom(700n * SECOND, 90_000n * SECOND) },
  );
  const tailArb = fc.array(fc.tuple(stepArb, senderArb, gapArb, fc.nat(0xffffffff)), {
    maxLength: options.maxLength ?? 60,
    size: 'max',
  });
  return tailArb.map((tail) => {
    const head =
      options.prelude === false
        ? [{ reducer: 'init', args: {}, sender: PEOPLE.owner, timestamp: T0, seed: 0 }]
        : [...preludeCalls(), ...vaultCalls(preludeCalls().at(-1)!.timestamp)];
    const p: Plausible = {
      now: head.at(-1)!.timestamp,
      channels: options.prelude === false ? 3 : 4,
      messages: options.prelude === false ? 0 : 4,
      topics: options.prelude === false ? 0 : 1,
      webhooks: options.prelude === false ? 0 : 1,
      invites: options.prelude === false ? 0 : 1,
    };
    const calls: Call[] = [...head];
    for (const [s, [roll, staffer, other], gap, seed] of tail) {
      p.now += gap;
      const staffShare = STAFF.has(s.reducer) ? 8 : 4;
      const sender = roll < staffShare ? staffer : roll < 9 ? other : PEOPLE.stranger;
      const args = s.args(p);
      calls.push({ reducer: s.reducer, args, sender, timestamp: p.now, seed });
      grow(p, s.reducer, args);
    }
    return calls;
  });
}
