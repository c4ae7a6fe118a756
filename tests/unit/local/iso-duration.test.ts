import { describe, expect, it } from "vitest";
import { parseIsoDuration } from "../../../local/iso-duration";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("parseIsoDuration", () => {
  it.each([
    ["P4D", 4 * DAY],
    ["PT36H", 36 * HOUR],
    ["PT90M", 90 * MINUTE],
    ["P1DT2H30M", DAY + 2 * HOUR + 30 * MINUTE],
    ["P2W", 14 * DAY],
    ["PT0.5S", 500],
    ["PT1,5S", 1500],
    ["p60d", 60 * DAY],
    ["P0D", 0],
  ])("%s is %d ms", (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(["", "P", "PT", "4D", "P4", "PT4D", "P4H", "P-1D", "P1DT", "P1.5D", "P4D junk"])(
    "refuses %j",
    (text) => {
      expect(() => parseIsoDuration(text)).toThrow(/not an ISO 8601 duration/);
    },
  );

  it("refuses years and months, whose length depends on the start date", () => {
    expect(() => parseIsoDuration("P1M")).toThrow(/years and months/);
    expect(() => parseIsoDuration("P1Y2M3D")).toThrow(/years and months/);
    // M after T is minutes, not months.
    expect(parseIsoDuration("PT1M")).toBe(MINUTE);
  });
});
