/** @spaces/cli: the `spaces` command. Programs embed it with `main(argv)`; people run the bin. */
export { main } from './main.js';
export { buildProgram, VERSION } from './program.js';
export { EXIT, EXIT_HELP } from './exitCodes.js';
export type { FailureClass } from './exitCodes.js';
