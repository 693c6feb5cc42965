/**
 * The lending-library fixture module (`fixtures/library`), built once per test file, and the
 * identities and clock the host tests share.
 */
import { fileURLToPath } from 'node:url';
import { buildModuleBundle } from './bundle.js';
import { loadModule, type CallOptions, type HostOptions, type TestHost } from './host.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/library', import.meta.url));

let bundle: Promise<string> | undefined;

/** The fixture's bundle, as `spacetime build` would produce it. */
export function libraryBundle(): Promise<string> {
  bundle ??= buildModuleBundle(FIXTURE);
  return bundle;
}

/** A fresh host running the fixture, initialised by {@link LIBRARIAN} unless `init` is false. */
export async function loadLibrary(
  options: HostOptions & { init?: boolean } = {},
): Promise<TestHost> {
  const host = await loadModule(await libraryBundle(), options);
  if (options.init !== false) {
    const r = host.init({ sender: LIBRARIAN, timestamp: T0 });
    if (!r.ok) throw new Error(`init failed: ${r.error}`);
  }
  return host;
}

export const LIBRARIAN = '1b'.repeat(32);
export const ALICE = 'a1'.repeat(32);
export const BOB = 'b0'.repeat(32);

/** 2025-01-01T00:00:00Z in microseconds. */
export const T0 = 1_735_689_600_000_000n;

/** Call options for `sender` at `T0 + seconds`. */
export function at(sender: string, seconds = 0): CallOptions {
  return { sender, timestamp: T0 + BigInt(seconds) * 1_000_000n };
}

/** Arguments of `add_item` with defaults. */
export function item(
  sku: string,
  fields: Partial<Record<string, unknown>> = {},
): Record<string, unknown> {
  return {
    sku,
    shelf: 1,
    slot: 0,
    title: `Title ${sku}`,
    note: undefined,
    condition: { tag: 'New' },
    price: 100n,
    ...fields,
  };
}
