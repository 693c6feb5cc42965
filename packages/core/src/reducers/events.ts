import { checkPayload } from '../eventKinds.js';
import { reducer } from '../reducer.js';
import { checkText } from '../text.js';
import { requireCanPost, requireUser, requireVisibleChannel } from './guards.js';
import { MESSAGE_MAX, insertMessage } from './messages.js';

export const emit_event = reducer({
  name: 'emit_event',
  doc: 'Emit a structured event (kind like task.completed@1, JSON payload); also posts an AgentEvent message.',
  args: {
    channelId: { type: 'u64' },
    kind: { type: 'string' },
    payload: { type: 'string' },
    text: { type: 'string', optional: true },
  },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    requireCanPost(tx, ctx, channel);
    const payload = checkPayload(args.kind, args.payload);
    const text = checkText('event text', args.text ?? args.kind, MESSAGE_MAX);
    const message = insertMessage(tx, ctx, {
      channelId: channel.id,
      sender: ctx.sender,
      kind: 'AgentEvent',
      text,
    });
    tx.events.insert({
      id: 0n,
      channelId: channel.id,
      messageId: message.id,
      kind: args.kind,
      payload,
      sender: ctx.sender,
      emittedAt: ctx.timestamp,
    });
  },
});
