import { describe, expect, it } from 'vitest';
import { PEOPLE, TestHub } from '../testing/index.js';

describe('emit_event', () => {
  it('records the event and posts an AgentEvent message; agents may emit in AgentLog', () => {
    const hub = TestHub.seeded();
    hub.ok('agent', 'emit_event', {
      channelId: 2n,
      kind: 'task.completed@1',
      payload: '{"task":"build","durationMs":1200}',
      text: 'build done',
    });
    const message = hub.last('messages');
    expect(message).toMatchObject({ kind: 'AgentEvent', text: 'build done', sender: PEOPLE.agent });
    expect(hub.last('events')).toMatchObject({
      kind: 'task.completed@1',
      messageId: message.id,
      payload: '{"task":"build","durationMs":1200}',
    });
  });

  it('validates the payload shape of a registered kind, naming the field', () => {
    const hub = TestHub.seeded();
    const emit = (kind: string, payload: string) =>
      hub.fails('agent', 'emit_event', { channelId: 2n, kind, payload });
    expect(emit('task.completed@1', '{"durationMs":5}')).toMatchObject({
      code: 'invalid_payload',
      message: 'task.completed@1 payload needs field "task" (string)',
    });
    expect(emit('task.failed@1', '{"task":"x","error":3}')).toMatchObject({
      code: 'invalid_payload',
      message: 'task.failed@1 payload field "error" must be string, not number',
    });
    expect(emit('custom.thing@1', 'not json')).toMatchObject({ code: 'invalid_payload' });
    expect(emit('custom.thing@1', '[1]')).toMatchObject({
      code: 'invalid_payload',
      message: 'event payload must be a JSON object',
    });
    expect(emit('NoVersion', '{}')).toMatchObject({
      code: 'invalid_argument',
      message: 'event kind "NoVersion" must look like name.verb@1',
    });
  });

  it('accepts any JSON object for an unregistered kind', () => {
    const hub = TestHub.seeded();
    hub.ok('agent', 'emit_event', {
      channelId: 2n,
      kind: 'custom.thing@1',
      payload: '{"n":[1,2]}',
    });
    expect(hub.last('events').kind).toBe('custom.thing@1');
  });

  it('follows the channel rules: no events in Announcement for an Agent', () => {
    const hub = TestHub.seeded();
    expect(
      hub.fails('agent', 'emit_event', { channelId: 3n, kind: 'x.y@1', payload: '{}' }),
    ).toMatchObject({
      code: 'permission_denied',
    });
  });
});
