import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../../functions/domain/errors";
import {
  checkTrackingId,
  parseTrackingId,
  TRACKING_ALPHABET,
  trackingIdFromRandom,
} from "../../../functions/domain/tracking-id";

const randomId = fc
  .array(fc.nat({ max: 1000 }), { minLength: 9, maxLength: 9 })
  .map((values) => trackingIdFromRandom(values));

describe("tracking IDs", () => {
  it("look like XXXXX-XXXXX and use no confusable characters", () => {
    fc.assert(
      fc.property(randomId, (id) => {
        expect(id).toMatch(/^[2-9A-HJKMNP-TV-Y]{5}-[2-9A-HJKMNP-TV-Y]{5}$/);
        expect(id).not.toMatch(/[01ILOUZ]/);
      }),
    );
    expect(TRACKING_ALPHABET).toHaveLength(29);
  });

  it("accept any case, spaces and a missing hyphen, and normalise", () => {
    fc.assert(
      fc.property(randomId, (id) => {
        expect(parseTrackingId(id.toLowerCase())).toBe(id);
        expect(parseTrackingId(id.replace("-", ""))).toBe(id);
        expect(parseTrackingId(` ${id.slice(0, 3)} ${id.slice(3)} `)).toBe(id);
      }),
    );
  });

  it("catch every single-character substitution", () => {
    fc.assert(
      fc.property(randomId, fc.nat({ max: 9 }), fc.nat({ max: 27 }), (id, position, shift) => {
        const compact = id.replace("-", "");
        const original = compact.charAt(position);
        const replacement =
          TRACKING_ALPHABET[(TRACKING_ALPHABET.indexOf(original) + shift + 1) % TRACKING_ALPHABET.length] ??
          "";
        const typo = compact.slice(0, position) + replacement + compact.slice(position + 1);
        expect(checkTrackingId(typo).ok).toBe(false);
      }),
    );
  });

  it("catch every transposition of two different characters", () => {
    fc.assert(
      fc.property(randomId, fc.nat({ max: 9 }), fc.nat({ max: 9 }), (id, i, j) => {
        const chars = id.replace("-", "").split("");
        fc.pre(chars[i] !== chars[j]);
        [chars[i], chars[j]] = [chars[j] ?? "", chars[i] ?? ""];
        expect(checkTrackingId(chars.join("")).ok).toBe(false);
      }),
    );
  });

  it("reject wrong lengths and foreign characters with a reason", () => {
    expect(checkTrackingId("ABC")).toMatchObject({
      ok: false,
      reason: expect.objectContaining({ en: expect.stringContaining("10 characters") }),
    });
    expect(checkTrackingId("0BCDE-FGHJK")).toMatchObject({
      ok: false,
      reason: expect.objectContaining({ en: expect.stringContaining("'0'") }),
    });
  });

  it("raise a 400-kind domain error naming the field", () => {
    const error = (() => {
      try {
        parseTrackingId("nope");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: "invalid",
      code: "invalid_tracking_id",
      details: [{ field: "trackingId" }],
    });
  });
});
