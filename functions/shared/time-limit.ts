/**
 * Races work against a timer: its result if it settles within `ms`, else whatever `onTimeout`
 * gives (or throws). The work is not cancelled, only no longer waited for; the timer is always
 * cleared, so nothing keeps the process alive.
 */
export async function within<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(
      () => {
        try {
          resolve(onTimeout());
        } catch (error) {
          reject(error);
        }
      },
      Math.max(0, ms),
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
