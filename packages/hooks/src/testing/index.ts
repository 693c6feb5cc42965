/** @packageDocumentation Test helpers for code that uses the hooks: an in-memory store. */
export { MemoryHookStore } from './memoryHookStore.js';
export type { MemoryHookStoreOptions, MemoryMessage } from './memoryHookStore.js';
