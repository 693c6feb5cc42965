import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rulesMarkdown } from '@spaces/core';

describe('the README’s rules', () => {
  it('are the permission, sanction and visibility tables as core declares them', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme)?.[1];
    // Regenerate with `pnpm rules` after changing PERMISSIONS, SANCTIONS or VISIBILITY.
    expect(block).toBe(rulesMarkdown());
  });
});
