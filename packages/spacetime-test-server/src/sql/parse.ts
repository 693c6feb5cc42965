/**
 * A parser for the SQL SpacetimeDB accepts in subscriptions and row-level-security rules
 * (documented in its SQL reference, `docs/.../sql-reference.md`, and `crates/sql-parser`):
 *
 *   SELECT ( * | alias.* ) FROM table [[AS] alias]
 *     { [INNER] JOIN table [[AS] alias] [ON predicate] } [WHERE predicate]
 *
 * Predicates combine comparisons (`=`, `<>`, `!=`, `<`, `<=`, `>`, `>=`) of columns
 * (`col` or `alias.col`), literals (integers, floats, 'strings' with '' escapes, hex `0x…` or
 * `X'…'`, TRUE, FALSE) and the `:sender` parameter, with AND, OR, NOT and parentheses.
 * Identifiers are case sensitive; keywords are not; `"quoted"` identifiers escape keywords.
 * Whether a query is a valid *subscription* (one returned table, at most one join, indexed
 * join columns) is checked later, against the schema (see plan.ts).
 */

/** A literal or parameter as written. */
export type Literal =
  | { kind: 'int'; text: string }
  | { kind: 'float'; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'hex'; digits: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'sender' };

export interface ColumnRef {
  readonly kind: 'column';
  /** The table or alias, when written. */
  readonly table: string | undefined;
  readonly column: string;
}

export type Operand = ColumnRef | { readonly kind: 'literal'; readonly value: Literal };

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Predicate =
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: Operand;
      readonly right: Operand;
    }
  | { readonly kind: 'and' | 'or'; readonly left: Predicate; readonly right: Predicate }
  | { readonly kind: 'not'; readonly inner: Predicate }
  | { readonly kind: 'bool'; readonly value: boolean };

export interface Relation {
  readonly table: string;
  readonly alias: string;
}

export interface Join extends Relation {
  readonly on: Predicate | undefined;
}

export interface SelectStatement {
  /** The relation whose rows are returned: an alias, or undefined for `*`. */
  readonly projection: string | undefined;
  readonly from: Relation;
  readonly joins: readonly Join[];
  readonly where: Predicate | undefined;
}

/** A query that is not valid SQL of the supported subset; the message says what and where. */
export class SqlError extends Error {
  override readonly name = 'SqlError';
}

type Token =
  | { t: 'ident'; v: string; quoted: boolean; at: number }
  | { t: 'num'; v: string; float: boolean; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'hex'; v: string; at: number }
  | { t: 'param'; v: string; at: number }
  | { t: 'sym'; v: string; at: number }
  | { t: 'end'; at: number };

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'JOIN',
  'INNER',
  'ON',
  'AS',
  'AND',
  'OR',
  'NOT',
  'TRUE',
  'FALSE',
  'NULL',
]);

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new SqlError(`${what} at position ${i + 1} of: ${sql}`);
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= sql.length) fail('unterminated string');
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += sql[i++];
      }
      out.push({ t: 'str', v, at });
    } else if (c === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= sql.length) fail('unterminated quoted identifier');
        if (sql[i] === '"') {
          if (sql[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += sql[i++];
      }
      out.push({ t: 'ident', v, quoted: true, at });
    } else if ((c === 'X' || c === 'x') && sql[i + 1] === "'") {
      const end = sql.indexOf("'", i + 2);
      if (end < 0) fail('unterminated hex literal');
      const v = sql.slice(i + 2, end);
      if (!/^[0-9a-fA-F]*$/.test(v)) fail('bad hex literal');
      out.push({ t: 'hex', v, at });
      i = end + 1;
    } else if (c === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X')) {
      const m = /^0[xX]([0-9a-fA-F]+)/.exec(sql.slice(i))!;
      if (!m) fail('bad hex literal');
      out.push({ t: 'hex', v: m[1]!, at });
      i += m[0].length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(\d*\.\d+|\d+(\.\d*)?)([eE][+-]?\d+)?/.exec(sql.slice(i))!;
      const float = m[0].includes('.') || /[eE]-/.test(m[0]);
      out.push({ t: 'num', v: m[0], float, at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))!;
      out.push({ t: 'ident', v: m[0], quoted: false, at });
      i += m[0].length;
    } else if (c === ':') {
      const m = /^:([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i));
      if (!m) fail('expected a parameter name after ":"');
      out.push({ t: 'param', v: m![1]!, at });
      i += m![0].length;
    } else {
      const two = sql.slice(i, i + 2);
      if (['<>', '!=', '<=', '>='].includes(two)) {
        out.push({ t: 'sym', v: two === '!=' ? '<>' : two, at });
        i += 2;
      } else if ('=<>*.,()+-;'.includes(c)) {
        out.push({ t: 'sym', v: c, at });
        i++;
      } else fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  out.push({ t: 'end', at: sql.length });
  return out;
}

/** Parses one SELECT statement. */
export function parseSelect(sql: string): SelectStatement {
  const tokens = tokenize(sql);
  let p = 0;
  const peek = () => tokens[p]!;
  const fail = (what: string): never => {
    const tok = peek();
    const found = tok.t === 'end' ? 'the end' : JSON.stringify(sql.slice(tok.at, tok.at + 12));
    throw new SqlError(`${what}, found ${found} in: ${sql}`);
  };
  const isKw = (kw: string) => {
    const tok = peek();
    return tok.t === 'ident' && !tok.quoted && tok.v.toUpperCase() === kw;
  };
  const kw = (word: string) => {
    if (!isKw(word)) fail(`expected ${word}`);
    p++;
  };
  const isSym = (s: string) => {
    const tok = peek();
    return tok.t === 'sym' && tok.v === s;
  };
  const sym = (s: string) => {
    if (!isSym(s)) fail(`expected "${s}"`);
    p++;
  };
  const ident = (what: string): string => {
    const tok = peek();
    if (tok.t !== 'ident' || (!tok.quoted && KEYWORDS.has(tok.v.toUpperCase())))
      return fail(`expected ${what}`);
    p++;
    return tok.v;
  };
  const isAliasNext = () => {
    const tok = peek();
    return tok.t === 'ident' && (tok.quoted || !KEYWORDS.has(tok.v.toUpperCase()));
  };
  const relation = (): Relation => {
    const table = ident('a table name');
    if (isKw('AS')) {
      p++;
      return { table, alias: ident('an alias') };
    }
    return { table, alias: isAliasNext() ? ident('an alias') : table };
  };

  const operand = (): Operand => {
    const tok = peek();
    if (tok.t === 'sym' && (tok.v === '-' || tok.v === '+')) {
      const next = tokens[p + 1]!;
      if (next.t !== 'num') fail('expected a number after the sign');
      p += 2;
      const text = (tok.v === '-' ? '-' : '') + (next as { v: string }).v;
      return { kind: 'literal', value: numeric(text, (next as { float: boolean }).float) };
    }
    switch (tok.t) {
      case 'num':
        p++;
        return { kind: 'literal', value: numeric(tok.v, tok.float) };
      case 'str':
        p++;
        return { kind: 'literal', value: { kind: 'string', value: tok.v } };
      case 'hex':
        p++;
        return { kind: 'literal', value: { kind: 'hex', digits: tok.v } };
      case 'param':
        p++;
        if (tok.v !== 'sender') fail(`unknown parameter :${tok.v} (only :sender exists)`);
        return { kind: 'literal', value: { kind: 'sender' } };
      case 'ident': {
        if (!tok.quoted) {
          const upper = tok.v.toUpperCase();
          if (upper === 'TRUE' || upper === 'FALSE') {
            p++;
            return { kind: 'literal', value: { kind: 'bool', value: upper === 'TRUE' } };
          }
          if (upper === 'NULL') {
            p++;
            return { kind: 'literal', value: { kind: 'null' } };
          }
        }
        const first = ident('a column or a value');
        if (isSym('.')) {
          p++;
          return { kind: 'column', table: first, column: ident('a column name') };
        }
        return { kind: 'column', table: undefined, column: first };
      }
      default:
        return fail('expected a column or a value');
    }
  };

  const comparison = (): Predicate => {
    if (isSym('(')) {
      p++;
      const inner = disjunction();
      sym(')');
      return inner;
    }
    if (isKw('NOT')) {
      p++;
      return { kind: 'not', inner: comparison() };
    }
    const left = operand();
    const tok = peek();
    if (tok.t === 'sym' && ['=', '<>', '<', '<=', '>', '>='].includes(tok.v)) {
      p++;
      return { kind: 'compare', op: tok.v as CompareOp, left, right: operand() };
    }
    // A bare TRUE or FALSE is a predicate too.
    if (left.kind === 'literal' && left.value.kind === 'bool')
      return { kind: 'bool', value: left.value.value };
    return fail('expected a comparison (=, <>, <, <=, >, >=)');
  };
  const conjunction = (): Predicate => {
    let left = comparison();
    while (isKw('AND')) {
      p++;
      left = { kind: 'and', left, right: comparison() };
    }
    return left;
  };
  const disjunction = (): Predicate => {
    let left = conjunction();
    while (isKw('OR')) {
      p++;
      left = { kind: 'or', left, right: conjunction() };
    }
    return left;
  };

  kw('SELECT');
  let projection: string | undefined;
  if (isSym('*')) p++;
  else {
    projection = ident('* or a table name before .*');
    sym('.');
    if (!isSym('*'))
      fail('subscriptions return whole rows: expected * (column projections are not allowed)');
    p++;
  }
  kw('FROM');
  const from = relation();
  const joins: Join[] = [];
  while (isKw('JOIN') || isKw('INNER')) {
    if (isKw('INNER')) p++;
    kw('JOIN');
    const rel = relation();
    let on: Predicate | undefined;
    if (isKw('ON')) {
      p++;
      on = disjunction();
    }
    joins.push({ ...rel, on });
  }
  let where: Predicate | undefined;
  if (isKw('WHERE')) {
    p++;
    where = disjunction();
  }
  if (isSym(';')) p++;
  if (peek().t !== 'end') fail('expected the end of the query');
  return { projection, from, joins, where };
}

function numeric(text: string, float: boolean): Literal {
  return float ? { kind: 'float', text } : { kind: 'int', text };
}
