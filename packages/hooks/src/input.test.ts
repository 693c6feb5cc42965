import { describe, expect, it } from 'vitest';
import { HookError } from './errors.js';
import { parseHookInput, parseSessionStartInput, parseStopInput } from './input.js';
import { fixture } from './testing/fixtures.js';

describe('parseHookInput', () => {
  it('reads a Stop payload, including last_assistant_message', () => {
    const input = parseStopInput(fixture('stop-turn2.json'));
    expect(input).toMatchObject({
      event: 'Stop',
      sessionId: '5d8f3c2a-1b7e-4c9a-9f61-2e4b8a7c0d13',
      cwd: '/home/dev/projects/spaces',
      stopHookActive: false,
    });
    expect(input.lastAssistantMessage).toContain('Tests pass');
  });

  it('reads a SessionStart payload with source and model', () => {
    const input = parseSessionStartInput(fixture('session-start.json'));
    expect(input).toMatchObject({ event: 'SessionStart', source: 'startup' });
    expect(input.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('keeps a source it does not know, since Claude Code adds new ones', () => {
    const raw = JSON.stringify({
      ...JSON.parse(fixture('session-start.json')),
      source: 'teleport',
    });
    expect(parseSessionStartInput(raw).source).toBe('teleport');
  });

  it('takes the fallback cwd when an older Claude Code omits it on Stop', () => {
    const { cwd: _cwd, ...rest } = JSON.parse(fixture('stop-turn1.json')) as Record<
      string,
      unknown
    >;
    expect(parseStopInput(JSON.stringify(rest), '/fallback').cwd).toBe('/fallback');
  });

  it('treats a missing stop_hook_active as false', () => {
    const { stop_hook_active: _s, ...rest } = JSON.parse(fixture('stop-turn1.json')) as Record<
      string,
      unknown
    >;
    expect(parseStopInput(JSON.stringify(rest)).stopHookActive).toBe(false);
  });

  it.each([
    ['session_id', 42, /"session_id" must be a non-empty string, got a number/],
    ['session_id', '', /"session_id" must be a non-empty string/],
    ['cwd', null, /"cwd" must be a non-empty string, got null/],
    ['transcript_path', ['x'], /"transcript_path" must be a string, got an array/],
    ['stop_hook_active', 'yes', /"stop_hook_active" must be a boolean/],
    ['last_assistant_message', 3, /"last_assistant_message" must be a string when present/],
    ['hook_event_name', 'PreToolUse', /"hook_event_name" must be "SessionStart" or "Stop"/],
  ])('names the bad field %s', (field, value, message) => {
    const json = { ...JSON.parse(fixture('stop-turn1.json')), [field]: value };
    let caught: unknown;
    try {
      parseHookInput(JSON.stringify(json));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HookError);
    expect((caught as HookError).field).toBe(field);
    expect((caught as HookError).message).toMatch(message);
  });

  it('rejects the other event when one is expected', () => {
    expect(() => parseSessionStartInput(fixture('stop-turn1.json'))).toThrow(
      /"hook_event_name" must be "SessionStart", got "Stop"/,
    );
  });

  it('says stdin was empty, or was not JSON', () => {
    expect(() => parseHookInput('')).toThrow(/not JSON: stdin was empty/);
    expect(() => parseHookInput(fixture('stdin-not-json.txt'))).toThrow(/hook input is not JSON/);
    expect(() => parseHookInput('[1]')).toThrow(/must be a JSON object/);
  });
});
