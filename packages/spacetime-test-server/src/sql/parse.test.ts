import { describe, expect, it } from 'vitest';
import { SqlError, parseSelect } from './parse.js';

describe('parsing subscription and rule SQL', () => {
  it('reads projections, aliases, joins and predicates', () => {
    const q = parseSelect(
      "select n.* from \"note\" AS n inner join member m on n.channel = m.channel where m.identity = :sender and (n.id > 10 or not n.text <> 'it''s');",
    );
    expect(q.projection).toBe('n');
    expect(q.from).toEqual({ table: 'note', alias: 'n' });
    expect(q.joins).toHaveLength(1);
    expect(q.joins[0]).toMatchObject({
      table: 'member',
      alias: 'm',
      on: { kind: 'compare', op: '=' },
    });
    expect(q.where).toMatchObject({
      kind: 'and',
      left: { right: { kind: 'literal', value: { kind: 'sender' } } },
      right: { kind: 'or', right: { kind: 'not', inner: { right: { value: { value: "it's" } } } } },
    });
  });

  it('reads every literal form', () => {
    const values = (where: string) =>
      (parseSelect(`SELECT * FROM t WHERE c = ${where}`).where as { right: { value: unknown } })
        .right.value;
    expect(values('-12')).toEqual({ kind: 'int', text: '-12' });
    expect(values('1e3')).toEqual({ kind: 'int', text: '1e3' });
    expect(values('1.5')).toEqual({ kind: 'float', text: '1.5' });
    expect(values('0xAb')).toEqual({ kind: 'hex', digits: 'Ab' });
    expect(values("X'00ff'")).toEqual({ kind: 'hex', digits: '00ff' });
    expect(values('TRUE')).toEqual({ kind: 'bool', value: true });
    expect(values('null')).toEqual({ kind: 'null' });
  });

  it('refuses what the subset does not have, saying where', () => {
    expect(() => parseSelect('SELECT a FROM t')).toThrow(SqlError);
    expect(() => parseSelect('SELECT t.a FROM t')).toThrow(/column projections are not allowed/);
    expect(() => parseSelect('DELETE FROM t')).toThrow(/expected SELECT/);
    expect(() => parseSelect('SELECT * FROM t WHERE a = :me')).toThrow(/only :sender/);
    expect(() => parseSelect("SELECT * FROM t WHERE a = 'open")).toThrow(/unterminated string/);
    expect(() => parseSelect('SELECT * FROM t LIMIT 1')).toThrow(/expected the end of the query/);
    expect(() => parseSelect('SELECT * FROM select')).toThrow(/expected a table name/);
  });
});
