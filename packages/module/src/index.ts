/** @packageDocumentation module */
export {};
