import { describe, expect, it } from "vitest";
import {
  accessTokenFromIdempotencyKey,
  accessTokenMatches,
  canonicalJson,
  fingerprint,
  hashAccessToken,
  hashIdempotencyKey,
  tokenSecret,
} from "../../../functions/domain/secrets";

const secret = tokenSecret("unit-test-secret-0123456789abcdef0123");
const derive = (key: string, id: string) => accessTokenFromIdempotencyKey(secret, key, id);

describe("access tokens", () => {
  it("match only their own hash", () => {
    const hash = hashAccessToken("secret-token");
    expect(accessTokenMatches("secret-token", hash)).toBe(true);
    expect(accessTokenMatches("secret-tokem", hash)).toBe(false);
    expect(accessTokenMatches(undefined, hash)).toBe(false);
    expect(accessTokenMatches("", hash)).toBe(false);
  });

  it("derived from an idempotency key are stable per secret, key and report, and differ otherwise", () => {
    const key = "0b9f3c1e-5f7a-4d2b-9a61-3c2e8d7f1a40";
    expect(derive(key, "AAAAA-AAAAA")).toBe(derive(key, "AAAAA-AAAAA"));
    expect(derive(key, "AAAAA-AAAAA")).not.toBe(derive(key, "BBBBB-BBBBB"));
    expect(derive(`${key}x`, "AAAAA-AAAAA")).not.toBe(derive(key, "AAAAA-AAAAA"));
    const otherSecret = tokenSecret("another-secret-0123456789abcdef0123");
    expect(accessTokenFromIdempotencyKey(otherSecret, key, "AAAAA-AAAAA")).not.toBe(
      derive(key, "AAAAA-AAAAA"),
    );
    expect(derive(key, "AAAAA-AAAAA")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("secrets are named by a fingerprint that does not contain them, and short ones are refused", () => {
    expect(secret.id).toMatch(/^[0-9a-f]{12}$/);
    expect(secret.value).not.toContain(secret.id);
    expect(() => tokenSecret("short")).toThrow(/at least 32/);
  });

  it("are never stored: the key is hashed, not kept", () => {
    const key = "0b9f3c1e-5f7a-4d2b-9a61-3c2e8d7f1a40";
    expect(hashIdempotencyKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashIdempotencyKey(key)).not.toContain(key);
  });
});

describe("request fingerprints", () => {
  it("ignore key order and undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: undefined } })).toBe('{"a":{"d":[1,2]},"b":1}');
    expect(fingerprint({ a: 1, b: "x" })).toBe(fingerprint({ b: "x", a: 1 }));
  });

  it("change with any value", () => {
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(fingerprint({ a: [1, 2] })).not.toBe(fingerprint({ a: [2, 1] }));
  });
});
