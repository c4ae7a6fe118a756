import { describe, expect, it } from "vitest";
import { onceUntilFailure } from "../../../functions/adapters/system/once";

describe("onceUntilFailure", () => {
  it("loads once for every caller, and tries again after a failure", async () => {
    let calls = 0;
    const load = onceUntilFailure(async () => {
      calls++;
      if (calls === 1) throw new Error("timed out");
      return calls;
    });
    await expect(load()).rejects.toThrow("timed out");
    expect(await Promise.all([load(), load()])).toEqual([2, 2]);
    expect(await load()).toBe(2);
    expect(calls).toBe(2);
  });
});
