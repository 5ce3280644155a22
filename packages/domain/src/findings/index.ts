export * from './finding.ts';
export * from './explain.ts';
export { downloadTargets, splitArguments } from './command-line.ts';
