import type { Command } from 'commander';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reducers } from '../../core/src/reducers/index.js';
import { buildProgram } from './program.js';

function leaves(command: Command, path: string[] = []): Array<[string, Command]> {
  if (command.commands.length === 0) return [[path.join(' '), command]];
  return command.commands.flatMap((c) => leaves(c, [...path, c.name()]));
}

describe('the command tree', () => {
  it('has the surface the issue asks for', () => {
    const names = leaves(buildProgram()).map(([name]) => name);
    for (const expected of [
      'init',
      'whoami',
      'profiles list',
      'profiles add',
      'profiles use',
      'users list',
      'users show',
      'profile set',
      'presence set',
      'presence list',
      'channels list',
      'channels create',
      'channels update',
      'channels delete',
      'channels join',
      'channels leave',
      'channels members',
      'channels add-member',
      'channels remove-member',
      'messages send',
      'messages list',
      'messages edit',
      'messages delete',
      'react add',
      'react remove',
      'pins add',
      'pins remove',
      'pins list',
      'read mark',
      'read unread',
      'roles set',
      'roles list',
      'moderation kick',
      'moderation ban',
      'moderation unban',
      'moderation timeout',
      'owner transfer',
      'invites create',
      'invites list',
      'invites revoke',
      'invites redeem',
      'topics create',
      'topics list',
      'topics resolve',
      'topics reopen',
      'events emit',
      'events list',
      'webhooks create',
      'webhooks list',
      'webhooks delete',
      'webhooks execute',
      'subscribe',
      'log verify',
      'log replay',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('gives every command a description, examples, and the global options', () => {
    for (const [name, command] of leaves(buildProgram())) {
      const help = command.helpInformation() + captureAfterHelp(command);
      expect([name, command.description().length > 0]).toEqual([name, true]);
      expect([name, help.includes('Examples:\n  $ spaces ')]).toEqual([name, true]);
      for (const flag of ['--host', '--database', '--home', '--as', '--json']) {
        expect([name, flag, help.includes(flag)]).toEqual([name, flag, true]);
      }
    }
  });

  it('reaches every core reducer that a client may call', () => {
    const dir = new URL('./commands/', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    // Lifecycle reducers are the engine's: connect and disconnect run on their own, and init
    // runs through the client's createHub (`spaces init`).
    const callable = Object.keys(reducers).filter(
      (r) => reducers[r as keyof typeof reducers].lifecycle === undefined,
    );
    // Reached directly, by name, or through the client's helper of the same name (createInvite).
    const helper = (r: string) => r.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const missing = callable.filter(
      (r) => !new RegExp(`reducers\\.${r}\\b|'${r}'|\\.${helper(r)}\\(`).test(source),
    );
    expect(missing).toEqual([]);
  });
});

function captureAfterHelp(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.exitOverride();
  try {
    command.help();
  } catch {
    // help() always "exits"; exitOverride turns that into a throw
  }
  return text;
}
