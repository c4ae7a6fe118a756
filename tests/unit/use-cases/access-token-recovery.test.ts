/**
 * Recovering a lost access token: the code goes only to the address on file, the old token works
 * until a code is confirmed, nobody can lock the reporter out, guesses are counted (also in
 * parallel), and an Idempotency-Key replay no longer hands out the replaced token.
 */
import { describe, expect, it } from "vitest";
import { trackingIdFromRandom } from "../../../functions/domain/tracking-id";
import { confirmAccessToken } from "../../../functions/use-cases/confirm-access-token";
import { getReport } from "../../../functions/use-cases/get-report";
import { requestAccessToken } from "../../../functions/use-cases/request-access-token";
import { submitReport } from "../../../functions/use-cases/submit-report";
import { type MemoryPorts, memoryPorts, validReport } from "../../fixtures/in-memory";

const HOUR = 3600_000;

function codeIn(ports: MemoryPorts): string {
  const code = /\n(\d{8})\n/.exec(ports.mailer.sent.at(-1)?.text ?? "")?.[1];
  if (!code) throw new Error("no code e-mailed");
  return code;
}

async function filed(ports: MemoryPorts, key = "recovery-test-key-0001") {
  const { receipt } = await submitReport(
    ports,
    { ...validReport, reporter: { name: "Siti", email: "siti@example.org" } },
    key,
  );
  return { trackingId: receipt.trackingId, accessToken: receipt.accessToken ?? "" };
}

describe("access-token recovery", () => {
  it("mails a code to the address on file only; the old token works until the code is confirmed; then only the new one", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await filed(ports);
    expect(await requestAccessToken(ports, trackingId)).toBe("sent");
    expect(ports.mailer.sent.at(-1)?.to).toEqual(["siti@example.org"]);
    const code = codeIn(ports);
    expect((await getReport(ports, { trackingId, accessToken })).viewer).toBe("reporter");

    const { accessToken: fresh } = await confirmAccessToken(ports, trackingId, code);
    expect(fresh).not.toBe(accessToken);
    expect((await getReport(ports, { trackingId, accessToken })).viewer).toBe("public");
    expect((await getReport(ports, { trackingId, accessToken: fresh })).viewer).toBe("reporter");
    // A code is spent once.
    await expect(confirmAccessToken(ports, trackingId, code)).rejects.toMatchObject({
      code: "invalid_recovery_code",
    });
  });

  it("after a reset, a replay of the filing's Idempotency-Key returns the receipt without the revoked token", async () => {
    const ports = memoryPorts();
    const { trackingId } = await filed(ports, "recovery-replay-key-0002");
    await requestAccessToken(ports, trackingId);
    await confirmAccessToken(ports, trackingId, codeIn(ports));
    const { receipt, replayed } = await submitReport(
      ports,
      { ...validReport, reporter: { name: "Siti", email: "siti@example.org" } },
      "recovery-replay-key-0002",
    );
    expect(replayed).toBe(true);
    expect(receipt.trackingId).toBe(trackingId);
    expect(receipt).not.toHaveProperty("accessToken");
  });

  it("sends at most 3 codes a day, and every one of them stays usable (an attacker's requests cannot lock the reporter out)", async () => {
    const ports = memoryPorts();
    const { trackingId } = await filed(ports);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await requestAccessToken(ports, trackingId)).toBe("sent");
      codes.push(codeIn(ports));
    }
    const mails = ports.mailer.sent.length;
    expect(await requestAccessToken(ports, trackingId)).toBe("limited");
    expect(ports.mailer.sent).toHaveLength(mails);
    // The first code still works after two more were asked for.
    await expect(confirmAccessToken(ports, trackingId, codes[0] ?? "")).resolves.toHaveProperty(
      "accessToken",
    );
    ports.clock.advance(24 * HOUR + 1000);
    expect(await requestAccessToken(ports, trackingId)).toBe("sent");
    // Codes expire after 24 hours.
    await expect(confirmAccessToken(ports, trackingId, codes[1] ?? "")).rejects.toMatchObject({
      code: "invalid_recovery_code",
    });
  });

  it("asks nothing of a report without an address, or one that does not exist (the route answers 202 alike)", async () => {
    const ports = memoryPorts();
    const { receipt } = await submitReport(ports, { ...validReport, reporter: { name: "Budi" } });
    expect(await requestAccessToken(ports, receipt.trackingId)).toBe("no_address");
    expect(await requestAccessToken(ports, trackingIdFromRandom([9, 9, 9, 9, 9, 9, 9, 9, 9]))).toBe(
      "no_report",
    );
    expect(ports.mailer.sent.filter((m) => m.tags?.notification === "access_code")).toEqual([]);
  });

  it("counts every guess, even sent in parallel: after 10 wrong codes an hour, 429 with Retry-After, even for the right code", async () => {
    const ports = memoryPorts();
    const { trackingId } = await filed(ports);
    await requestAccessToken(ports, trackingId);
    const code = codeIn(ports);
    const wrong = String((Number(code) + 1) % 100_000_000).padStart(8, "0");
    const guesses = await Promise.allSettled(
      Array.from({ length: 12 }, () => confirmAccessToken(ports, trackingId, wrong)),
    );
    const codes = guesses.map((g) =>
      g.status === "rejected" ? (g.reason as { code: string }).code : "accepted",
    );
    // Each was judged only once counted; one that could not be counted among its racing twins was
    // not judged at all (503: retry).
    expect(codes.every((c) => ["invalid_recovery_code", "service_unavailable"].includes(c))).toBe(true);
    let judged = codes.filter((c) => c === "invalid_recovery_code").length;
    for (; judged < 10; judged++)
      await expect(confirmAccessToken(ports, trackingId, wrong)).rejects.toMatchObject({
        code: "invalid_recovery_code",
      });
    const locked = await confirmAccessToken(ports, trackingId, code).catch((error: unknown) => error);
    expect(locked).toMatchObject({ code: "too_many_attempts", kind: "rate_limited" });
    expect(Number((locked as { headers: Record<string, string> }).headers["retry-after"])).toBeGreaterThan(
      3000,
    );
    ports.clock.advance(HOUR);
    await expect(confirmAccessToken(ports, trackingId, code)).resolves.toHaveProperty("accessToken");
  });
});
