import { PERMISSIONS, SANCTIONS } from './permissions.js';
import { reducers } from './reducers/index.js';
import type { TableName } from './schema/tables.js';
import type { TableVisibility, VisibilityRule } from './visibility.js';
import { VISIBILITY } from './visibility.js';

/** One visibility rule in words. */
function ruleInWords(rule: VisibilityRule): string {
  switch (rule.kind) {
    case 'everyone':
      return 'everyone';
    case 'equals':
      return `rows with \`${rule.column} = ${String(rule.value)}\``;
    case 'reader':
      return `the reader's own (\`${rule.column}\`)`;
    case 'member':
      return `members of the channel (\`${rule.column}\`), unless banned`;
    case 'via':
      return `whoever sees its ${rule.table.replace(/s$/, '')} (\`${rule.column}\`)`;
    case 'role':
      return `${PERMISSIONS[rule.action].min} and above`;
  }
}

/**
 * Who may do and see what, as Markdown: rendered from `PERMISSIONS`, `SANCTIONS` and `VISIBILITY`
 * themselves, so the README's tables cannot drift from the rules (a test compares them).
 */
export function rulesMarkdown(): string {
  const lines = ['| action | lowest role | also | note |', '| --- | --- | --- | --- |'];
  for (const [action, p] of Object.entries(PERMISSIONS)) {
    const also = [
      'own' in p && p.own ? 'the author or creator' : '',
      'rank' in p && p.rank ? 'only on lower ranks' : '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`| \`${action}\` | ${p.min} | ${also || '-'} | ${p.note || '-'} |`);
  }
  lines.push(
    '',
    `A banned user may call only: ${SANCTIONS.banned.map((r) => `\`${r}\``).join(', ')}.`,
    `A timed-out user may call only: ${SANCTIONS.timed_out.map((r) => `\`${r}\``).join(', ')}.`,
    `Lifecycle reducers (${Object.values(reducers)
      .filter((r) => r.lifecycle)
      .map((r) => `\`${r.name}\``)
      .join(', ')}) are the engine's: no client may call them.`,
    '',
    '| table | who sees a row | never shown | why |',
    '| --- | --- | --- | --- |',
  );
  for (const [table, v] of Object.entries(VISIBILITY) as [TableName, TableVisibility][]) {
    const who = v.anyOf.map(ruleInWords).join(', or ');
    const hidden = v.hidden?.map((c) => `\`${c}\``).join(', ') ?? '-';
    lines.push(`| \`${table}\` | ${who} | ${hidden} | ${v.why} |`);
  }
  return lines.join('\n');
}
