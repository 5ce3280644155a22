export { DEFAULT_CHAOS, type ChaosOptions } from './chaos/options.ts';
export { generateLines, simulate, type SimulatorOptions } from './simulate.ts';
export { runSimulateCommand } from './cli/simulate-command.ts';
export { Prng, prngFor } from './prng.ts';
