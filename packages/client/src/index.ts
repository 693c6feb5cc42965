/** @packageDocumentation client */
export {};
