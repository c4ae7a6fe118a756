/**
 * The app's movable clock, with its offset kept in `<dataDir>/clock.json`: reports in the local
 * table were written at moved instants, and a restart that went back to real time would put the
 * app before its own history. (Real time that passes while the app is stopped passes for it too.)
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AdjustableClock } from "./adjustable-clock";

export interface LocalClock {
  readonly clock: AdjustableClock;
  /** Writes the current offset (atomically: a crash mid-write keeps the previous one). */
  save(): Promise<void>;
}

export async function openLocalClock(dataDir: string): Promise<LocalClock> {
  const file = join(dataDir, "clock.json");
  let offsetMs = 0;
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { offsetMs?: unknown };
    if (typeof stored.offsetMs !== "number" || !Number.isFinite(stored.offsetMs) || stored.offsetMs < 0) {
      throw new Error("offsetMs must be a number ≥ 0");
    }
    offsetMs = stored.offsetMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`Cannot read ${file} (delete it to return to real time): ${String(error)}`);
    }
  }
  const clock = new AdjustableClock(offsetMs);
  return {
    clock,
    async save() {
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ offsetMs: clock.offsetMs }, null, 2)}\n`);
      await rename(temporary, file);
    },
  };
}
