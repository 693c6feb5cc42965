import { ROLES } from '@spaces/client';
import { describe, expect, it } from 'vitest';
import {
  parseChannelType,
  parseCount,
  parseId,
  parseJsonObject,
  parsePresence,
  parseRole,
  parseUntil,
} from './parse.js';

describe('parse', () => {
  it('accepts every spelling of the channel types, in any case', () => {
    expect(
      ['text', 'VOICE', 'Announcement', 'agent-log', 'AgentLog', 'agent_log'].map(parseChannelType),
    ).toEqual(['Text', 'Voice', 'Announcement', 'AgentLog', 'AgentLog', 'AgentLog']);
  });

  it('names the bad value when a channel type is unknown', () => {
    expect(() => parseChannelType('forum')).toThrow(/channel type must be .*got "forum"/);
  });

  it('maps presence words to the core statuses', () => {
    expect(['online', 'idle', 'dnd', 'OFFLINE'].map(parsePresence)).toEqual([
      'Online',
      'Idle',
      'DoNotDisturb',
      'Offline',
    ]);
    expect(() => parsePresence('away')).toThrow(/got "away"/);
  });

  it('maps roles case-insensitively and rejects others', () => {
    expect(parseRole('moderator', { ROLES })).toBe('Moderator');
    expect(() => parseRole('root', { ROLES })).toThrow(/role must be/);
  });

  it('reads ids with or without #, and refuses anything else', () => {
    expect(parseId('message id', '42')).toBe(42n);
    expect(parseId('message id', '#42')).toBe(42n);
    expect(() => parseId('message id', '4x')).toThrow(/message id must be a number; got "4x"/);
    expect(() => parseId('message id', '-1')).toThrow();
  });

  it('bounds counts', () => {
    expect(parseCount('--limit', '10', 1000)).toBe(10);
    expect(() => parseCount('--limit', '1001', 1000)).toThrow(
      /--limit must be a whole number from 0 to 1000/,
    );
    expect(() => parseCount('--limit', 'ten')).toThrow();
  });

  it('turns durations into microseconds from now, and ISO-8601 into microseconds', () => {
    const now = Date.UTC(2025, 0, 1);
    expect(parseUntil('10m', now)).toBe(BigInt(now) * 1000n + 600_000_000n);
    expect(parseUntil('2h', now)).toBe(BigInt(now + 7_200_000) * 1000n);
    expect(parseUntil('1d', now)).toBe(BigInt(now + 86_400_000) * 1000n);
    expect(parseUntil('2025-01-02T00:00:00Z', now)).toBe(BigInt(Date.UTC(2025, 0, 2)) * 1000n);
    expect(() => parseUntil('tomorrow', now)).toThrow(/duration like 10m/);
    expect(() => parseUntil('10 parsecs', now)).toThrow();
  });

  it('accepts only JSON objects as payloads', () => {
    expect(parseJsonObject('--payload', '{"task":"x"}')).toBe('{"task":"x"}');
    expect(() => parseJsonObject('--payload', '[1]')).toThrow(/must be a JSON object/);
    expect(() => parseJsonObject('--payload', '{oops')).toThrow(/not valid JSON/);
  });

  it('reports parse failures as usage errors', () => {
    try {
      parseRole('root', { ROLES });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid_argument', class: 'usage' });
    }
  });
});
