import pc from 'picocolors';
import { guardLine, inert, inertRow } from './inert.js';
import { stringify, toJson } from './json.js';

/** The colour functions used by the CLI (picocolors', or identity functions when off). */
export type Colors = ReturnType<typeof pc.createColors>;

/** A column of a human-readable table. */
export interface Column<T> {
  head: string;
  cell: (row: T) => string;
}

/** A stderr progress line, redrawn in place on a TTY and silent elsewhere. */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

/** Where and how a command prints: JSON for programs, tables and colour for people. */
export interface Output {
  readonly json: boolean;
  readonly color: Colors;
  /**
   * A list: a JSON array, or a table (or `empty` when there are no rows). Cells get rows whose
   * strings are inert; a row that cannot be shown becomes a marked placeholder, never a failure.
   */
  list<T>(
    rows: readonly T[],
    columns: Column<T>[],
    jsonOf: (row: T) => unknown,
    empty: string,
  ): Promise<void>;
  /** One result: JSON, or a line for people. */
  result(json: unknown, human: string): void;
  /** A line for people only (suppressed under --json). */
  note(text: string): void;
  /** One JSON line, written and flushed at once (for streams). */
  jsonLine(value: unknown): void;
  /** A line of plain text on stdout. */
  line(text: string): void;
  progress(label: string): Progress;
}

type Stream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

/** Colour only on a TTY, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true;
}

/** Builds the Output for one run. */
export function createOutput(
  json: boolean,
  stdout: Stream = process.stdout,
  stderr: Stream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Output {
  const color = pc.createColors(colorEnabled(stdout, env));
  const write = (text: string) => void stdout.write(text + '\n');
  // Human output passes one last guard; JSON is written exactly as it is.
  const human = (text: string) => write(guardLine(text));
  return {
    json,
    color,
    async list(rows, columns, jsonOf, empty) {
      if (json)
        return write(
          stringify(
            rows.map((row) => jsonRow(row, jsonOf)),
            true,
          ),
        );
      if (rows.length === 0) return human(color.dim(empty));
      human(await renderTable(rows, columns, color));
    },
    result(value, text) {
      if (json) write(stringify(value, true));
      else human(text);
    },
    note(text) {
      if (!json) human(text);
    },
    jsonLine(value) {
      write(stringify(value, false));
    },
    line(text) {
      if (json) write(text);
      else human(text);
    },
    progress(label) {
      if (stderr.isTTY !== true) return { update() {}, done() {} };
      let last = '';
      return {
        update(done, total) {
          const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
          const text = `${label} ${done}/${total} (${pct}%)`;
          if (text !== last) stderr.write(`\r\x1b[2K${text}`);
          last = text;
        },
        done() {
          stderr.write('\r\x1b[2K');
        },
      };
    },
  };
}

/** A borderless, aligned table; cli-table3 is loaded only when a table is printed. */
export async function renderTable<T>(
  rows: readonly T[],
  columns: Column<T>[],
  color: Colors,
): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const blank = {
    top: '',
    'top-mid': '',
    'top-left': '',
    'top-right': '',
    bottom: '',
    'bottom-mid': '',
    'bottom-left': '',
    'bottom-right': '',
    left: '',
    'left-mid': '',
    mid: '',
    'mid-mid': '',
    right: '',
    'right-mid': '',
    middle: '  ',
  };
  const table = new Table({
    head: columns.map((c) => color.bold(c.head)),
    chars: blank,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(cellsOf(row, columns, color));
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

/** A row's cells from its inert copy; one marked cell when a cell cannot be computed. */
function cellsOf<T>(row: T, columns: Column<T>[], color: Colors): string[] {
  const safe = inertRow(row);
  try {
    return columns.map((c) => c.cell(safe));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return [
      color.yellow(`⟨row could not be shown: ${inert(why.slice(0, 200))}⟩`),
      ...columns.slice(1).map(() => ''),
    ];
  }
}

/**
 * A row's JSON value, checked to serialise on its own; a row that cannot be (a value too deeply
 * nested, a getter that throws) is replaced by a marked placeholder, so one row never hides the
 * others.
 */
function jsonRow<T>(row: T, jsonOf: (row: T) => unknown): unknown {
  try {
    const value = toJson(jsonOf(row));
    JSON.stringify(value);
    return value;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { unreadable: true, error: why.slice(0, 200) };
  }
}
