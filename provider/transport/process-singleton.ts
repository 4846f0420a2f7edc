// One lazily created instance per process, kept on globalThis so serialized provider code never captures it.

/**
 * Returns the instance stored on `globalThis` under `Symbol.for(key)`, creating it on first use.
 * Pulumi serializes the dynamic provider's closure by value; live sockets or limiter state held in a
 * module variable would be frozen into state (or break serialization). `globalThis` is looked up at
 * call time, and `Symbol.for` makes every copy of this module in the process find the same instance.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const slot = Symbol.for(key);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  let value = store[slot];
  if (value === undefined) {
    value = create();
    store[slot] = value;
  }
  return value;
}

/** Forgets the instance under `key` (tests, or after closing it); returns what was stored. */
export function dropProcessSingleton<T>(key: string): T | undefined {
  const slot = Symbol.for(key);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const value = store[slot];
  delete store[slot];
  return value;
}
