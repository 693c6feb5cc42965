/** Stable codes for every way a hook can fail; adapters log the code beside the message. */
export const HOOK_ERROR_CODES = {
  badJson: 'hooks.bad_json',
  badField: 'hooks.bad_field',
  /** The deadline came first: nothing done, or (SessionStart) no context this time. */
  timeout: 'hooks.timeout',
  /** Stop's deadline came first, but its worker goes on and posts the summary from the outbox. */
  deferred: 'hooks.deferred',
  badSettings: 'hooks.bad_settings',
  /** No store, or a store whose hub was never created (`spaces init`), or no such channel. */
  noHub: 'hooks.no_hub',
  /** Another process holds the store's write lock for longer than we may wait. */
  storeBusy: 'hooks.store_busy',
  /** The store file exists but is not a readable Spaces store (corrupt, wrong format). */
  storeUnreadable: 'hooks.store_unreadable',
  /** The store refused a call (a core `SpacesError`); its own code is in the message. */
  storeRefused: 'hooks.store_refused',
  unexpected: 'hooks.unexpected',
  /** Not a failure: the hook did its job but has something worth a line in the log. */
  note: 'hooks.note',
} as const;

/** One of {@link HOOK_ERROR_CODES}. */
export type HookErrorCode = (typeof HOOK_ERROR_CODES)[keyof typeof HOOK_ERROR_CODES];

/** An expected failure of a hook, with a stable code and a message naming what was wrong. */
export class HookError extends Error {
  override readonly name = 'HookError';
  constructor(
    readonly code: HookErrorCode,
    message: string,
    /** The input field or settings path at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}
