/**
 * The API-key port over its in-memory fake and its DynamoDB adapter on DynamoDB Local: one
 * contract, including the limit under concurrent uses and the adapter's 30-second cache (a
 * revocation made elsewhere shows once the cache has aged).
 */
import { describe, expect, it } from "vitest";
import { DynamoApiKeys } from "../../functions/adapters/dynamodb/api-keys";
import { API_KEY_CACHE_MS, type ApiKey } from "../../functions/domain/api-keys";
import type { ApiKeys } from "../../functions/use-cases/ports";
import { MemoryApiKeys } from "../fixtures/in-memory";
import { createTestTable, portImplementations } from "../setup/test-table";

const key = (id: string, agencyId = "kab-blora"): ApiKey => ({
  id: `${agencyId}.${id}`,
  agencyId,
  name: `Key ${id}`,
  scopes: ["agency:sync"],
  secretHash: "ab".repeat(32),
  createdAt: "2026-11-23T03:00:00.000Z",
  createdBy: "u-1",
});

const implementations = portImplementations<ApiKeys>(
  () => new MemoryApiKeys(),
  (table) => new DynamoApiKeys(table.doc, table.tableName),
);

describe.each(implementations)("ApiKeys (%s)", (_name, make) => {
  it("creates, reads, lists per agency and revokes", async () => {
    const store = await make();
    await store.create(key("a"));
    await store.create(key("b"));
    await store.create(key("c", "kota-medan"));
    await expect(store.create(key("a"))).rejects.toThrow();
    expect(await store.get("kab-blora.a")).toEqual(key("a"));
    expect(await store.get("kab-blora.zzz")).toBeUndefined();
    expect((await store.list("kab-blora")).map((k) => k.id).sort()).toEqual(["kab-blora.a", "kab-blora.b"]);
    expect(await store.revoke("kab-blora.a", new Date("2026-11-24T00:00:00Z"))).toBe("revoked");
    expect(await store.revoke("kab-blora.a", new Date("2026-11-25T00:00:00Z"))).toBe("revoked");
    expect((await store.get("kab-blora.a"))?.revokedAt).toBe("2026-11-24T00:00:00.000Z");
    expect(await store.revoke("kab-blora.nope", new Date())).toBe("missing");
  });

  it("allows exactly the limit in a minute, even under concurrent uses, and records the minute of last use", async () => {
    const store = await make();
    await store.create(key("d"));
    const at = new Date("2026-11-23T03:04:30Z");
    const outcomes = await Promise.all(
      Array.from({ length: 7 }, () => store.use(key("d"), "2026-11-23T03:04", 5, at)),
    );
    expect(outcomes.filter((o) => o === "allowed")).toHaveLength(5);
    expect(await store.use(key("d"), "2026-11-23T03:05", 5, at)).toBe("allowed");
    expect((await store.list("kab-blora"))[0]?.lastUsedAt).toMatch(/^2026-11-23T03:0[45]:00.000Z$/);
  });
});

describe("DynamoApiKeys' cache", () => {
  it("keeps a key up to 30 s: a revocation by another function shows within that", async () => {
    const table = await createTestTable();
    try {
      let now = 1_000_000;
      const reader = new DynamoApiKeys(table.doc, table.tableName, () => now);
      const writer = new DynamoApiKeys(table.doc, table.tableName);
      await writer.create(key("e"));
      expect((await reader.get("kab-blora.e"))?.revokedAt).toBeUndefined();
      await writer.revoke("kab-blora.e", new Date());
      expect((await reader.get("kab-blora.e"))?.revokedAt).toBeUndefined(); // cached
      now += API_KEY_CACHE_MS;
      expect((await reader.get("kab-blora.e"))?.revokedAt).toBeDefined();
    } finally {
      await table.drop();
    }
  });
});
