/** Injected everywhere a time is read, so tests and benchmarks control it. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
