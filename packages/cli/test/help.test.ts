import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../core/src/limits.js';
import { spaces } from './cli.js';

describe('help and version', () => {
  it('spaces --help lists the commands, examples and exit statuses, and exits 0', async () => {
    const r = await spaces(['--help']);
    expect(r.code).toBe(0);
    for (const text of ['subscribe', 'webhooks', 'Examples:', 'Exit statuses:', '6  connection']) {
      expect(r.stdout).toContain(text);
    }
  });

  it('spaces --help and the README list every limit core holds calls to', async () => {
    const r = await spaces(['--help']);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const escape = (text: string) => text.replace(/[()^+.*?[\]|\\]/g, '\\$&');
    for (const { what, limit } of LIMITS) {
      expect(r.stdout).toMatch(new RegExp(`\\n  ${escape(what)} +${escape(limit)}\\n`));
      expect(readme).toMatch(new RegExp(`\\n\\| ${escape(what)} +\\| ${escape(limit)} +\\|\\n`));
    }
  });

  it('spaces call --help lists every reducer a client may call, with its arguments and doc', async () => {
    const r = await spaces(['call', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'send_message(channelId: u64, text: string, topicId?: u64, replyTo?: u64, nonce?: string)',
    );
    expect(r.stdout).toContain('Post a text message');
    expect(r.stdout).not.toContain('client_connected');
  });

  it('every level answers --help with examples', async () => {
    const r = await spaces(['moderation', 'ban', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: spaces moderation ban [options] <user>');
    expect(r.stdout).toContain('$ spaces moderation ban spammer');
  });

  it('a group without a subcommand shows its help on stderr and exits 2', async () => {
    const r = await spaces(['messages']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: spaces messages');
  });

  it('prints its version', async () => {
    expect(await spaces(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('is colourless when stdout is not a terminal', async () => {
    const r = await spaces(['--help'], { FORCE_COLOR: '1' });
    expect(r.stdout).not.toContain('\u001b[');
  });
});
