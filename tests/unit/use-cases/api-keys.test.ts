/**
 * API keys on memory ports: who may create them, shown once and stored hashed, scopes, the
 * per-minute limit, revocation, and what an agency:sync key may do as its agency (a liaison
 * officer's rules, its subtree only).
 */
import { describe, expect, it } from "vitest";
import { hashApiKeySecret, parseApiKey } from "../../../functions/domain/api-keys";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { authenticateApiKey } from "../../../functions/use-cases/authenticate-api-key";
import { getStaffReport } from "../../../functions/use-cases/get-staff-report";
import { createApiKey, listApiKeys, revokeApiKey } from "../../../functions/use-cases/manage-api-keys";
import { verifyReport } from "../../../functions/use-cases/verify-report";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes, bloraAdmin, dinkesUnit, medanAdmin, national } from "../../fixtures/journey";

describe("API keys", () => {
  it("are created by agency and national admins for their subtree, shown once, stored as a hash", async () => {
    const ports = memoryPorts();
    const created = await createApiKey(ports, bloraAdmin, {
      name: "SIMPEL Blora",
      agencyId: "blora-dinkes",
      scopes: ["agency:sync"],
    });
    expect(created.key).toMatch(/^adk\.blora-dinkes\.[\w-]+\.[\w-]{40,}$/);
    const stored = ports.apiKeys.keys.get(created.id);
    expect(JSON.stringify(stored)).not.toContain(parseApiKey(created.key)?.secret);
    expect(stored?.secretHash).toBe(hashApiKeySecret(parseApiKey(created.key)?.secret ?? ""));
    const listed = await listApiKeys(ports, national, "blora-dinkes");
    expect(listed.keys).toEqual([expect.objectContaining({ id: created.id, name: "SIMPEL Blora" })]);
    expect(JSON.stringify(listed)).not.toContain("secretHash");

    await expect(
      createApiKey(ports, medanAdmin, { name: "Elsewhere", agencyId: "kab-blora", scopes: ["agency:sync"] }),
    ).rejects.toMatchObject({ code: "agency_not_found" });
    await expect(
      createApiKey(ports, dinkesUnit, {
        name: "A unit's",
        agencyId: "blora-dinkes",
        scopes: ["agency:sync"],
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("authenticate only with the right secret, scope and unrevoked; a revoked key fails at once here", async () => {
    const ports = memoryPorts();
    const { key, id } = await createApiKey(ports, national, {
      name: "SMS gateway",
      agencyId: "nasional",
      scopes: ["reports:create"],
    });
    expect((await authenticateApiKey(ports, key, "reports:create")).id).toBe(id);
    await expect(authenticateApiKey(ports, undefined, "reports:create")).rejects.toMatchObject({
      code: "api_key_required",
    });
    await expect(
      authenticateApiKey(ports, `${key.slice(0, -4)}AAAA`, "reports:create"),
    ).rejects.toMatchObject({
      code: "invalid_api_key",
    });
    await expect(authenticateApiKey(ports, "not-a-key", "reports:create")).rejects.toMatchObject({
      code: "invalid_api_key",
    });
    await expect(authenticateApiKey(ports, key, "agency:sync")).rejects.toMatchObject({ code: "forbidden" });
    await revokeApiKey(ports, national, id);
    await expect(authenticateApiKey(ports, key, "reports:create")).rejects.toMatchObject({
      code: "invalid_api_key",
    });
    await expect(revokeApiKey(ports, national, "nasional.nothing")).rejects.toMatchObject({
      code: "api_key_not_found",
    });
  });

  it("limits each key per minute (429 with Retry-After), and records its last use", async () => {
    const ports = memoryPorts(); // apiKeyRequestsPerMinute: 5
    const { key, id } = await createApiKey(ports, national, {
      name: "Gateway",
      agencyId: "nasional",
      scopes: ["reports:create"],
    });
    for (let i = 0; i < 5; i++) await authenticateApiKey(ports, key, "reports:create");
    const limited = await authenticateApiKey(ports, key, "reports:create").catch((error: unknown) => error);
    expect(limited).toMatchObject({ code: "too_many_requests", kind: "rate_limited" });
    expect(Number((limited as { headers: Record<string, string> }).headers["retry-after"])).toBeGreaterThan(
      0,
    );
    expect(ports.apiKeys.keys.get(id)?.lastUsedAt).toBe("2026-11-23T03:00:00.000Z");
    ports.clock.advance(60_000);
    await expect(authenticateApiKey(ports, key, "reports:create")).resolves.toMatchObject({ id });
  });

  it("an agency:sync key acts as its agency with a liaison officer's rules, in its subtree only", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports);
    const asKey = (agencyId: string) => ({
      userId: `api-key:${agencyId}.x`,
      role: "liaison_officer" as const,
      agencyId,
    });
    expect((await getStaffReport(ports, asKey("blora-dinkes"), trackingId)).trackingId).toBe(trackingId);
    await expect(getStaffReport(ports, asKey("kota-medan"), trackingId)).rejects.toMatchObject({
      code: "report_not_found",
    });
    const published = await addFollowUp(ports, asKey("blora-dinkes"), trackingId, {
      message: "Ditangani sistem SIMPEL.",
    });
    expect(published.status).toBe("published");
    await expect(verifyReport(ports, asKey("kab-blora"), trackingId, {})).rejects.toBeDefined();
  });
});
