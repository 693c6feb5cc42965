// Rewrites the README's rules block (between <!-- rules:start --> and <!-- rules:end -->) from
// core's PERMISSIONS, SANCTIONS and VISIBILITY. Run after changing them: `pnpm rules`.
import { readFileSync, writeFileSync } from 'node:fs';
import { rulesMarkdown } from '../packages/core/dist/index.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const block = /<!-- rules:start -->\n[\s\S]*?<!-- rules:end -->/;
if (!block.test(readme)) throw new Error('README.md has no <!-- rules:start --> block');
writeFileSync(
  path,
  readme.replace(block, `<!-- rules:start -->\n${rulesMarkdown()}\n<!-- rules:end -->`),
);
console.log('README.md: rules block rewritten');
