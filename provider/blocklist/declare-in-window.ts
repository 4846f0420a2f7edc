// Declares items one by one while at most `maxPending` of them are still unsettled: a sliding window, not waves.

export interface WindowOptions {
  /** Declared-but-unsettled items allowed at once. */
  maxPending: number;
  /** Declarations between two yields to the event loop, so the first ones go out before the rest are built. */
  yieldEvery?: number;
}

/**
 * Calls `declare` for each item in order. Each call returns the promise that settles when the engine is
 * done with the item (resolved or rejected alike); once `maxPending` are outstanding, the next declaration
 * waits for any one to settle. Resolves once every declaration has settled. Waves (declare W, wait for all W) leave the vendors idle while the last of
 * a wave finishes and the next wave is built; the window keeps them busy (BENCHMARKS.md).
 */
export async function declareInWindow<T>(
  items: readonly T[],
  declare: (item: T, index: number) => Promise<unknown>,
  opts: WindowOptions,
): Promise<void> {
  const maxPending = Math.max(1, Math.floor(opts.maxPending));
  const yieldEvery = Math.max(1, Math.floor(opts.yieldEvery ?? 1));
  let pending = 0;
  let wake: (() => void) | undefined;
  const onSettled = (): void => {
    pending -= 1;
    const w = wake;
    wake = undefined;
    w?.();
  };
  for (let i = 0; i < items.length; i++) {
    pending += 1;
    declare(items[i]!, i).then(onSettled, onSettled);
    if (pending >= maxPending) await new Promise<void>((resolve) => (wake = resolve));
    else if ((i + 1) % yieldEvery === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  while (pending > 0) await new Promise<void>((resolve) => (wake = resolve));
}
