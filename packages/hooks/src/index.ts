/** @packageDocumentation hooks */
export {};
