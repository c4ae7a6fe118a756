/**
 * What the local stand-ins for Lambda's event source mappings (queue-poller.ts, stream-poller.ts)
 * share: the handle `/_local` drains watch, and small helpers.
 */
export interface Poller {
  /** True while a batch is in hand (or, for the stream, records were found on the last read). */
  readonly busy: boolean;
  /** Increases when a batch starts and when it ends: unchanged = nothing moved in between. */
  readonly activity: number;
  /** Stops polling; waits for the batch in hand, if any, to finish. */
  stop(): Promise<void>;
}

/** The handle of a poller whose `loop` runs until `abort` fires. */
export function pollerHandle(
  state: () => { readonly busy: boolean; readonly activity: number },
  abort: AbortController,
  running: Promise<void>,
): Poller {
  return {
    get busy() {
      return state().busy;
    },
    get activity() {
      return state().activity;
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}

/** Waits `ms`, or less if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((wake) => {
    const aborted = () => {
      clearTimeout(timer);
      wake();
    };
    // Removed when the timer fires: a poller sleeps thousands of times on one signal.
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted);
      wake();
    }, ms);
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
