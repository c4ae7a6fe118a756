/** Module state that components re-render on: `changed()` after a change, `useChanges()` to follow it. */
import { useEffect, useState } from "preact/hooks";

export function changes(): { changed: () => void; useChanges: () => void } {
  const listeners = new Set<() => void>();
  return {
    changed: () => {
      for (const listener of listeners) listener();
    },
    useChanges: () => {
      const [, setTick] = useState(0);
      useEffect(() => {
        const listener = () => setTick((n) => n + 1);
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      }, []);
    },
  };
}
