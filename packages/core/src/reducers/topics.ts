import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { Topic } from '../schema/tables.js';
import type { ReducerContext, Tx } from '../tx.js';
import { checkText } from '../text.js';
import { canSee } from '../visibility.js';
import { requireCanPost, requireRole, requireUser, requireVisibleChannel } from './guards.js';

export const TOPIC_TITLE_MAX = 60;

/** A topic in a channel the caller may see; otherwise "not found", as a missing one. */
function requireTopic(tx: Tx, ctx: ReducerContext, topicId: bigint): Topic {
  const topic = tx.topics.find(topicId);
  if (!topic || !canSee(tx, ctx.sender, 'topics', topic)) {
    reject('not_found', `no topic with id ${topicId}`);
  }
  return topic;
}

/** Resolve and reopen: the creator, or a Moderator and above. */
function setStatus(
  tx: Tx,
  ctx: ReducerContext,
  topicId: bigint,
  status: 'open' | 'resolved',
): void {
  requireUser(tx, ctx);
  const topic = requireTopic(tx, ctx, topicId);
  if (topic.createdBy !== ctx.sender) requireRole(tx, ctx, 'resolve_topic');
  if (topic.status === status) reject('already_exists', `topic ${topic.id} is already ${status}`);
  const resolved = status === 'resolved';
  tx.topics.update({
    ...topic,
    status,
    resolvedBy: resolved ? ctx.sender : undefined,
    resolvedAt: resolved ? ctx.timestamp : undefined,
  });
}

export const create_topic = reducer({
  name: 'create_topic',
  doc: 'Open a topic (a thread) in a channel; title at most 60 characters.',
  args: { channelId: { type: 'u64' }, title: { type: 'string' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    requireCanPost(tx, ctx, channel);
    tx.topics.insert({
      id: 0n,
      channelId: channel.id,
      title: checkText('topic title', args.title, TOPIC_TITLE_MAX, { line: true }),
      status: 'open',
      createdBy: ctx.sender,
      createdAt: ctx.timestamp,
      resolvedBy: undefined,
      resolvedAt: undefined,
    });
  },
});

export const resolve_topic = reducer({
  name: 'resolve_topic',
  doc: 'Mark a topic resolved (its creator, or Moderator+).',
  args: { topicId: { type: 'u64' } },
  run: (tx, ctx, args) => setStatus(tx, ctx, args.topicId, 'resolved'),
});

export const reopen_topic = reducer({
  name: 'reopen_topic',
  doc: 'Reopen a resolved topic (its creator, or Moderator+).',
  args: { topicId: { type: 'u64' } },
  run: (tx, ctx, args) => setStatus(tx, ctx, args.topicId, 'open'),
});
