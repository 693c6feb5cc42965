/** @packageDocumentation cli */
export {};
