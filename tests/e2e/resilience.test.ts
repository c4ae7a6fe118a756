/**
 * Resilience of `npm start` (issue 7): a DynamoDB Local that dies is answered with 503 and
 * restarted without npm start exiting; directory edits made through the API survive a restart.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiClient, isListening, processesMentioning, START_TIMEOUT_MS, useApp } from "./app-process";

describe("resilience, from outside", () => {
  const running = useApp("aduan-e2e-resilience-");
  const { http, staffToken } = apiClient(() => running.app().url);

  it("when DynamoDB Local dies, requests get 503 with Retry-After, it is restarted, and npm start keeps running", async () => {
    // A read that always reaches the table (the directory is cached for a minute): an inbox Query.
    // (Not a report written just before the kill: DynamoDB Local may not have flushed it to disk.)
    const national = await staffToken("national_admin", "nasional");
    const read = () => http("GET", "/v1/inbox?status=submitted&limit=1", { token: national });
    const [java] = processesMentioning(join(running.dataDir(), "dynamodb")).filter((line) =>
      line.includes("java"),
    );
    expect(java, "the DynamoDB Local JVM").toBeDefined();
    process.kill(Number(java?.split(":")[0]), "SIGKILL");
    for (let i = 0; i < 100 && (await isListening(running.app().dynamoEndpoint)); i++) {
      await new Promise((wake) => setTimeout(wake, 50));
    }
    const during = await read();
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("2");
    expect(during.body.error).toBe("service_unavailable");
    let after = during;
    for (let i = 0; i < 120 && after.status !== 200; i++) {
      await new Promise((wake) => setTimeout(wake, 500));
      after = await read();
    }
    expect(after.status).toBe(200);
    expect(running.app().child.exitCode).toBeNull();
    expect(running.app().output()).toMatch(/DynamoDB Local exited unexpectedly/);
    expect(running.app().output()).toMatch(/DynamoDB Local restarted/);
  }, 90_000);

  it(
    "directory edits made through the API survive a restart (the demo seed fills gaps only)",
    async () => {
      const national = await staffToken("national_admin", "nasional");
      const name = `Kabupaten Blora ${randomUUID().slice(0, 8)}`;
      const renamed = await http("PATCH", "/v1/agencies/kab-blora", { token: national, body: { name } });
      expect(renamed.status).toBe(200);
      expect(await running.restart()).toBe(0);
      const agencies = await http("GET", "/v1/agencies");
      expect(agencies.body.agencies.find((a: { id: string }) => a.id === "kab-blora")?.name).toBe(name);
    },
    START_TIMEOUT_MS + 30_000,
  );
});
