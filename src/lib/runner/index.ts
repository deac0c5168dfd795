export * from './protocol.ts';
export * from './txtar.ts';
export * from './faketime.ts';
export * from './errors.ts';
export * from './replay.ts';
export * from './harness.ts';
export * from './client.ts';
export * from './run.ts';
export { isTestProgram, packageName } from './goscan.ts';
