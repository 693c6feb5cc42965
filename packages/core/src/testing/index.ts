/**
 * @spaces/core/testing: the domain's generators, invariants and laws, shared by every package's
 * tests so each engine is driven by the same sequences and held to the same rules.
 */
export { EMOJI, INVITE_CODES, TOKENS, callsArb, preludeCalls } from './calls.js';
export type { CallsOptions } from './calls.js';
export { TestHub } from './hub.js';
export { PEOPLE, POOL, T0, personOf } from './identities.js';
export type { Person } from './identities.js';
export { invariants, stepViolations } from './invariants.js';
export {
  LAWS,
  atomicity,
  canonical,
  determinism,
  invariantsHold,
  memoryEngine,
  replayOfAccepted,
} from './laws.js';
export type { Law, LawEngine } from './laws.js';
export {
  anyChangeArb,
  changeArb,
  columnArb,
  identityArb,
  keyOfRow,
  rowArb,
  rowsArb,
} from './rows.js';
export { asSnapshot, snapshotOf } from './snapshot.js';
export type { Snapshot } from './snapshot.js';
export { HOSTILE_TEXTS, ofLength, texts } from './texts.js';
export { deliveryKey, expectedDeliveries, readViolations } from './visibilityLaw.js';
export type { ReaderReads } from './visibilityLaw.js';
