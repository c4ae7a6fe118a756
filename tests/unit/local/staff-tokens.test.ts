import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_AUDIENCE, LOCAL_ISSUER, openStaffTokens } from "../../../local/staff-tokens";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "aduan-tokens-test-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("staff tokens", () => {
  it("carry the claims of a Cognito ID token", async () => {
    const tokens = await openStaffTokens(dataDir);
    const token = await tokens.issueStaffToken({ role: "unit_admin", agencyId: "blora-dinkes", sub: "u-1" });
    expect(decodeProtectedHeader(token).alg).toBe("RS256");
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: "u-1",
      "cognito:groups": ["unit_admin"],
      "custom:agency_id": "blora-dinkes",
      token_use: "id",
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(12 * 3600);
    await expect(tokens.verifyStaffToken(token)).resolves.toMatchObject({
      "custom:agency_id": "blora-dinkes",
    });
  });

  it("survive a restart: the key is persisted in the data directory", async () => {
    const token = await (await openStaffTokens(dataDir)).issueStaffToken({
      role: "supervisor",
      agencyId: "prov-jateng",
    });
    const reopened = await openStaffTokens(dataDir);
    await expect(reopened.verifyStaffToken(token)).resolves.toMatchObject({
      "cognito:groups": ["supervisor"],
    });
  });

  it("are not accepted by another data directory's key", async () => {
    const otherDir = await mkdtemp(join(tmpdir(), "aduan-tokens-other-"));
    try {
      const token = await (await openStaffTokens(otherDir)).issueStaffToken({
        role: "unit_admin",
        agencyId: "x",
      });
      await expect((await openStaffTokens(dataDir)).verifyStaffToken(token)).rejects.toThrow();
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it("are refused once expired", async () => {
    const tokens = await openStaffTokens(dataDir);
    const token = await tokens.issueStaffToken({ role: "unit_admin", agencyId: "x", ttlSeconds: -10 });
    await expect(tokens.verifyStaffToken(token)).rejects.toThrow(/exp/);
  });

  it("are refused with the right key but the wrong audience or token_use", async () => {
    const tokens = await openStaffTokens(dataDir);
    const stored = JSON.parse(await readFile(join(dataDir, "jwt-key.json"), "utf8"));
    const key = await importJWK(stored.privateJwk, "RS256");
    const sign = (claims: Record<string, unknown>, audience: string) =>
      new SignJWT({ "cognito:groups": ["unit_admin"], "custom:agency_id": "x", ...claims })
        .setProtectedHeader({ alg: "RS256" })
        .setSubject("u")
        .setIssuer(LOCAL_ISSUER)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(key);
    await expect(tokens.verifyStaffToken(await sign({ token_use: "id" }, "someone-else"))).rejects.toThrow(
      /aud/,
    );
    await expect(
      tokens.verifyStaffToken(await sign({ token_use: "access" }, LOCAL_AUDIENCE)),
    ).rejects.toThrow(/token_use/);
    await expect(
      tokens.verifyStaffToken(await sign({ token_use: "id" }, LOCAL_AUDIENCE)),
    ).resolves.toBeTruthy();
  });
});
