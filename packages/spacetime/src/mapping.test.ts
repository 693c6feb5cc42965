import { tables } from '@spaces/core';
import { AlgebraicType, BinaryReader, BinaryWriter, schema, t, table } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { canonicalName, paramsOf, tableOf } from './mapping.js';
import { objectFromSpacetime, objectToSpacetime, toSpacetime } from './values.js';

const builders = { t, table };
/* eslint-disable @typescript-eslint/no-explicit-any */

/** A table as the SDK's `schema()` resolves it (what the client's bindings hold). */
const resolved = (decl: Parameters<typeof tableOf>[1], wireNames = false) =>
  Object.values(
    (schema({ [decl.name]: tableOf(builders, decl, { wireNames }) } as any) as any).schemaType
      .tables,
  )[0] as any;

describe('core -> SpacetimeDB mapping', () => {
  it('maps every column type, optional ones as options, and keeps the declared order', () => {
    const messages = tableOf(builders, tables.messages) as any;
    const elements = messages.rowType.algebraicType.value.elements as {
      name: string;
      algebraicType: { tag: string; value?: any };
    }[];
    expect(elements.map((e) => e.name)).toEqual(Object.keys(tables.messages.columns));
    const tag = (name: string) => elements.find((e) => e.name === name)!.algebraicType;
    expect(tag('id').tag).toBe('U64');
    expect(tag('text').tag).toBe('String');
    expect(tag('editHistory').tag).toBe('String'); // json
    expect(tag('sender').value.elements[0].name).toBe('__identity__');
    expect(tag('sentAt').value.elements[0].name).toBe('__timestamp_micros_since_unix_epoch__');
    expect(tag('topicId').value.variants.map((v: any) => v.name)).toEqual(['some', 'none']);
  });

  it('declares an optional column’s index on the table, and refuses an optional key', () => {
    expect(resolved(tables.messages).tableDef.indexes.map((i: any) => i.accessorName)).toContain(
      'topicId',
    );
    expect(() =>
      tableOf(builders, {
        name: 'bad',
        public: true,
        doc: '',
        columns: { id: { type: 'u64', primaryKey: true, optional: true } },
      }),
    ).toThrow(/optional column cannot be a key/);
  });

  it('names columns in snake_case when asked, as generated bindings do', () => {
    const receipts = resolved(tables.read_receipts, true);
    expect(receipts.columns.lastReadMessageId.columnMetadata.name).toBe('last_read_message_id');
    expect(canonicalName('lastReadMessageId')).toBe('last_read_message_id');
  });

  it('encodes arguments and rows through the library and reads them back unchanged (u32 a number)', () => {
    const args = {
      channelId: undefined,
      role: 'Member',
      maxUses: 3,
      expiresAt: 1_700_000_000_000_000n,
    };
    const decl = {
      channelId: { type: 'u64', optional: true },
      role: { type: 'string' },
      maxUses: { type: 'u32' },
      expiresAt: { type: 'timestamp', optional: true },
    } as const;
    const params = paramsOf(builders, decl) as Record<string, { algebraicType: AlgebraicType }>;
    const product = AlgebraicType.Product({
      elements: Object.entries(params).map(([name, b]) => ({
        name,
        algebraicType: b.algebraicType,
      })),
    });
    const writer = new BinaryWriter(64);
    AlgebraicType.makeSerializer(product)(
      writer,
      objectToSpacetime(decl, { ...args, maxUses: 3n }),
    );
    const back = AlgebraicType.makeDeserializer(product)(new BinaryReader(writer.getBuffer()));
    expect(objectFromSpacetime(decl, back as Record<string, unknown>)).toEqual(args);
    expect(toSpacetime({ type: 'u32' }, 7n)).toBe(7);
  });
});
