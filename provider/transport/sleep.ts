// A timer promise that an AbortSignal can cut short: the default wait for backoff and rate limiting.

/** Injected wherever code waits, so tests can record waits and advance a fake clock instead. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Resolves after `ms` milliseconds; rejects with the signal's reason as soon as the signal aborts.
 * @param ms delay; zero or less resolves on the next macrotask
 * @param signal optional abort signal
 */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // Declared before the closures that use it: Pulumi's closure serializer rejects use-before-declaration.
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
