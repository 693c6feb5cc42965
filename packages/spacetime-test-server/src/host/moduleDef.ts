/**
 * Reading a module's description: the `RawModuleDef` that `__describe_module__` returns,
 * decoded with the `spacetimedb` library's own type definitions, then turned into the schema
 * the store runs on and the description tests assert on.
 */
import { BinaryReader, type AlgebraicType } from 'spacetimedb';
import { librarySource } from './library.js';
import type { Typespace } from './bsatn.js';

/** The parts of `RawModuleDefV10` the host reads (the full shape is in the library's autogen types). */
export interface RawModuleDefV10 {
  sections: RawSection[];
}
export type RawSection =
  | { tag: 'Typespace'; value: { types: AlgebraicType[] } }
  | { tag: 'Types'; value: RawTypeDef[] }
  | { tag: 'Tables'; value: RawTableDef[] }
  | { tag: 'Reducers'; value: RawReducerDef[] }
  | {
      tag: 'LifeCycleReducers';
      value: { lifecycleSpec: { tag: LifecycleTag }; functionName: string }[];
    }
  | { tag: 'CaseConversionPolicy'; value: { tag: 'None' | 'SnakeCase' } }
  | {
      tag: 'ExplicitNames';
      value: { entries: { tag: 'Table' | 'Function' | 'Index'; value: NameMapping }[] };
    }
  | { tag: 'RowLevelSecurity'; value: { sql: string }[] }
  | { tag: 'Views'; value: RawViewDef[] }
  | { tag: 'ViewPrimaryKeys'; value: { viewSourceName: string; columns: string[] }[] }
  | { tag: string; value: unknown };
/** A view as the module declares it (`RawViewDefV10`). */
export interface RawViewDef {
  sourceName: string;
  /** Its position among the module's views, or among its anonymous views. */
  index: number;
  isPublic: boolean;
  isAnonymous: boolean;
  params: { elements: { name?: string; algebraicType: AlgebraicType }[] };
  returnType: AlgebraicType;
}
export interface NameMapping {
  sourceName: string;
  canonicalName: string;
}
export interface RawTypeDef {
  sourceName: { scope: string[]; sourceName: string };
  ty: number;
  customOrdering: boolean;
}
export interface RawTableDef {
  sourceName: string;
  productTypeRef: number;
  primaryKey: number[];
  indexes: { sourceName?: string; accessorName?: string; algorithm: RawIndexAlgorithm }[];
  constraints: { sourceName?: string; data: { tag: 'Unique'; value: { columns: number[] } } }[];
  sequences: {
    sourceName?: string;
    column: number;
    start?: bigint;
    minValue?: bigint;
    maxValue?: bigint;
    increment: bigint;
  }[];
  tableType: { tag: 'System' | 'User' };
  tableAccess: { tag: 'Public' | 'Private' };
  isEvent: boolean;
}
export type RawIndexAlgorithm =
  | { tag: 'BTree'; value: number[] }
  | { tag: 'Hash'; value: number[] }
  | { tag: 'Direct'; value: number };
export interface RawReducerDef {
  sourceName: string;
  params: { elements: { name?: string; algebraicType: AlgebraicType }[] };
  visibility: { tag: 'Private' | 'ClientCallable' };
}
export type LifecycleTag = 'Init' | 'OnConnect' | 'OnDisconnect';

interface LibraryTypes {
  RawModuleDef: { deserialize(reader: BinaryReader): { tag: string; value: unknown } };
  ViewResultHeader: {
    deserialize(reader: BinaryReader): { tag: 'RowData' } | { tag: 'RawSql'; value: string };
  };
}

/** The library's generated definitions of the module-definition types (see library.ts). */
export function loadLibraryTypes(): Promise<LibraryTypes> {
  return librarySource('lib/autogen/types.ts') as unknown as Promise<LibraryTypes>;
}

/** Decodes the bytes `__describe_module__` returned. Only V10 definitions (SpacetimeDB 2.x) are supported. */
export async function decodeModuleDef(bytes: Uint8Array): Promise<RawModuleDefV10> {
  const { RawModuleDef } = await loadLibraryTypes();
  const def = RawModuleDef.deserialize(new BinaryReader(bytes));
  if (def.tag !== 'V10')
    throw new Error(`unsupported module definition ${def.tag}; the test host reads V10`);
  return def.value as RawModuleDefV10;
}

/** The value type of the section tagged `T`. */
export type SectionValue<T extends string> = T extends RawSection['tag']
  ? Extract<RawSection, { tag: T }>['value']
  : unknown;

/** Finds a section of the definition by tag. */
export function section<T extends string>(
  def: RawModuleDefV10,
  tag: T,
): SectionValue<T> | undefined {
  return def.sections.find((s) => s.tag === tag)?.value as SectionValue<T> | undefined;
}

/**
 * `convert_case`'s snake case, which SpacetimeDB applies to source names under the default
 * `CaseConversionPolicy::SnakeCase`: words split at `_`, `-`, spaces, lower-to-upper,
 * acronym ends and letter/digit changes (`item2Name` → `item_2_name`).
 */
export function toSnakeCase(name: string): string {
  const words: string[] = [];
  for (const part of name.split(/[_\- ]+/)) {
    if (part === '') continue;
    let word = part[0]!;
    for (let i = 1; i < part.length; i++) {
      const prev = part[i - 1]!;
      const c = part[i]!;
      const next = part[i + 1];
      const kind = (ch: string) =>
        /[0-9]/.test(ch)
          ? 'd'
          : ch !== ch.toLowerCase()
            ? 'u'
            : ch !== ch.toUpperCase()
              ? 'l'
              : 'o';
      const [p, k] = [kind(prev), kind(c)];
      const split =
        (p === 'l' && k === 'u') ||
        ((p === 'd') !== (k === 'd') && p !== 'o' && k !== 'o') ||
        (p === 'u' && k === 'u' && next !== undefined && kind(next) === 'l');
      if (split) {
        words.push(word);
        word = c;
      } else {
        word += c;
      }
    }
    words.push(word);
  }
  return words.map((w) => w.toLowerCase()).join('_');
}

/** Renders a type the way a reader of a schema expects (`Option<string>`, `Identity`, `u64[]`). */
export function typeName(
  ty: AlgebraicType,
  typespace: Typespace,
  names: ReadonlyMap<number, string>,
): string {
  switch (ty.tag) {
    case 'Ref':
      return names.get(ty.value) ?? typeName(typespace.types[ty.value]!, typespace, names);
    case 'Array':
      return ty.value.tag === 'U8' ? 'bytes' : `${typeName(ty.value, typespace, names)}[]`;
    case 'Product': {
      const els = ty.value.elements;
      const special: Record<string, string> = {
        __identity__: 'Identity',
        __connection_id__: 'ConnectionId',
        __timestamp_micros_since_unix_epoch__: 'Timestamp',
        __time_duration_micros__: 'TimeDuration',
        __uuid__: 'Uuid',
      };
      if (els.length === 1 && els[0]!.name && special[els[0]!.name]) return special[els[0]!.name]!;
      return `{ ${els.map((e) => `${e.name ?? '_'}: ${typeName(e.algebraicType, typespace, names)}`).join(', ')} }`;
    }
    case 'Sum': {
      const vs = ty.value.variants;
      const [a, b] = vs;
      if (vs.length === 2 && a?.name === 'some' && b?.name === 'none') {
        return `Option<${typeName(a.algebraicType, typespace, names)}>`;
      }
      if (vs.length === 2 && a?.name === 'ok' && b?.name === 'err') {
        return `Result<${typeName(a.algebraicType, typespace, names)}, ${typeName(b.algebraicType, typespace, names)}>`;
      }
      return vs
        .map((v) => {
          const payload = v.algebraicType;
          const unit = payload.tag === 'Product' && payload.value.elements.length === 0;
          return unit ? `${v.name}` : `${v.name}(${typeName(payload, typespace, names)})`;
        })
        .join(' | ');
    }
    default:
      return ty.tag.toLowerCase();
  }
}
