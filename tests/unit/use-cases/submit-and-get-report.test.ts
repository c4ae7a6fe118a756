import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getReport } from "../../../functions/use-cases/get-report";
import { submitReport } from "../../../functions/use-cases/submit-report";
import { domainRejectionOf } from "../../fixtures/errors";
import {
  FixedClock,
  MemoryDirectory,
  MemoryReports,
  MemoryTokenSecrets,
  sequentialIds,
  testRules,
  validReport,
} from "../../fixtures/in-memory";

const KEY = "3f1c2b8e-8d4a-4c1f-b7a2-9e6d5c4b3a21";

function setup(seeds?: number[]) {
  const ports = {
    reports: new MemoryReports(),
    directory: new MemoryDirectory(),
    clock: new FixedClock(new Date("2026-11-23T03:00:00Z")),
    ids: sequentialIds(seeds),
    rules: testRules,
    tokenSecrets: new MemoryTokenSecrets(),
  };
  return ports;
}

describe("submitReport", () => {
  it("files a submitted report at the national root with a timeline event and a token stored as a hash", async () => {
    const ports = setup();
    const { receipt, replayed } = await submitReport(ports, validReport);

    expect(replayed).toBe(false);
    expect(receipt).toMatchObject({
      status: "submitted",
      agencyId: "nasional",
      createdAt: "2026-11-23T03:00:00.000Z",
    });
    const stored = ports.reports.reports.get(receipt.trackingId);
    expect(stored?.report.agencyPath).toEqual(["nasional"]);
    expect(stored?.timeline).toEqual([
      expect.objectContaining({ seq: 1, type: "submitted", status: "submitted" }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(receipt.accessToken);
  });

  it("assigns the report to the agency the citizen chose, with its ancestry", async () => {
    const ports = setup();
    const { receipt } = await submitReport(ports, { ...validReport, agencyId: "blora-dinkes" });
    expect(receipt.agencyId).toBe("blora-dinkes");
    expect(ports.reports.reports.get(receipt.trackingId)?.report.agencyPath).toEqual([
      "nasional",
      "prov-jateng",
      "kab-blora",
      "blora-dinkes",
    ]);
  });

  it("keeps the language the reporter's e-mails are to be in, Indonesian unless asked", async () => {
    const ports = setup();
    const english = await submitReport(ports, { ...validReport, locale: "en" });
    const indonesian = await submitReport(ports, validReport);
    expect(ports.reports.reports.get(english.receipt.trackingId)?.report.locale).toBe("en");
    expect(ports.reports.reports.get(indonesian.receipt.trackingId)?.report.locale).toBeUndefined();
  });

  it("rejects unknown category and agency together, naming both fields", async () => {
    const error = await domainRejectionOf(
      submitReport(setup(), { ...validReport, category: "nope", agencyId: "nowhere" }),
    );
    expect(error.kind).toBe("invalid");
    expect(error.details.map((d) => d.field)).toEqual(["category", "agencyId"]);
  });

  it("rejects an occurrence date in the future", async () => {
    const error = await domainRejectionOf(
      submitReport(setup(), { ...validReport, occurredOn: "2027-01-01" }),
    );
    expect(error.details).toEqual([expect.objectContaining({ field: "occurredOn" })]);
  });

  it("replays the first receipt, token included, for the same key and body", async () => {
    const ports = setup();
    const first = await submitReport(ports, validReport, KEY);
    ports.clock.advance(60_000);
    const again = await submitReport(ports, { ...validReport }, KEY);

    expect(again.replayed).toBe(true);
    expect(again.receipt).toEqual(first.receipt);
    expect(ports.reports.reports.size).toBe(1);
  });

  it("derives a token nobody can compute from the Idempotency-Key and tracking ID alone", async () => {
    const ports = setup();
    const { receipt } = await submitReport(ports, validReport, KEY);
    // What an attacker who saw the key in a proxy log could compute without the server's secret.
    const guesses = [
      createHmac("sha256", KEY).update(`aduan:access-token:${receipt.trackingId}`).digest("base64url"),
      createHmac("sha256", KEY).update(receipt.trackingId).digest("base64url"),
    ];
    for (const guess of guesses) {
      const view = await getReport(ports, { trackingId: receipt.trackingId, accessToken: guess });
      expect(view.viewer).toBe("public");
      expect(view.reporter).toBeUndefined();
    }
    // Another deployment (another secret) derives another token for the same key and ID.
    const other = {
      ...setup(),
      tokenSecrets: new MemoryTokenSecrets("another-deployment-secret-0123456789"),
    };
    const elsewhere = await submitReport(other, validReport, KEY);
    expect(elsewhere.receipt.trackingId).toBe(receipt.trackingId);
    expect(elsewhere.receipt.accessToken).not.toBe(receipt.accessToken);
  });

  it("replays the same token across one secret rotation; after two it refuses rather than file twice", async () => {
    const ports = setup();
    const first = await submitReport(ports, validReport, KEY);
    ports.tokenSecrets.rotate();
    const replay = await submitReport(ports, validReport, KEY);
    expect(replay.receipt.accessToken).toBe(first.receipt.accessToken);
    ports.tokenSecrets.rotate();
    const error = await domainRejectionOf(submitReport(ports, validReport, KEY));
    expect(error).toMatchObject({ kind: "conflict", code: "idempotency_replay_unavailable" });
    expect(ports.reports.reports.size).toBe(1);
  });

  it("refuses the same key with a different body (409)", async () => {
    const ports = setup();
    await submitReport(ports, validReport, KEY);
    const error = await domainRejectionOf(
      submitReport(ports, { ...validReport, title: "Another title entirely" }, KEY),
    );
    expect(error).toMatchObject({ kind: "conflict", code: "idempotency_key_reused" });
  });

  it("treats a key as new again once its record expired (24 h)", async () => {
    const ports = setup();
    const first = await submitReport(ports, validReport, KEY);
    ports.clock.advance(24 * 60 * 60 * 1000 + 1);
    const second = await submitReport(ports, validReport, KEY);
    expect(second.replayed).toBe(false);
    expect(second.receipt.trackingId).not.toBe(first.receipt.trackingId);
  });

  it("rejects short idempotency keys that would make guessable tokens", async () => {
    const error = await domainRejectionOf(submitReport(setup(), validReport, "1"));
    expect(error.details).toEqual([expect.objectContaining({ field: "Idempotency-Key" })]);
  });

  it("retries with a new tracking ID on a collision", async () => {
    const ports = setup([1, 1, 2]);
    const a = await submitReport(ports, validReport);
    const b = await submitReport(ports, validReport);
    expect(b.receipt.trackingId).not.toBe(a.receipt.trackingId);
    expect(ports.ids.issued).toHaveLength(3);
  });
});

describe("getReport", () => {
  it("gives the public view without contact, and the reporter's view with the token", async () => {
    const ports = setup();
    const { receipt } = await submitReport(ports, validReport);

    const publicView = await getReport(ports, { trackingId: receipt.trackingId.toLowerCase() });
    expect(publicView.viewer).toBe("public");
    expect(JSON.stringify(publicView)).not.toContain("siti@example.org");
    expect(JSON.stringify(publicView)).not.toContain("Siti Aminah");
    expect(publicView.timeline).toEqual([
      expect.objectContaining({ type: "submitted", statusLabel: "Belum Terverifikasi" }),
    ]);

    const reporterView = await getReport(ports, {
      trackingId: receipt.trackingId,
      accessToken: receipt.accessToken,
    });
    expect(reporterView.viewer).toBe("reporter");
    expect(reporterView.reporter).toEqual(validReport.reporter);
  });

  it("treats a wrong token as the public", async () => {
    const ports = setup();
    const { receipt } = await submitReport(ports, validReport);
    const view = await getReport(ports, {
      trackingId: receipt.trackingId,
      accessToken: `${receipt.accessToken}x`,
    });
    expect(view.viewer).toBe("public");
    expect(view.reporter).toBeUndefined();
  });

  it("hides a confidential report from the public (404) but not from its reporter", async () => {
    const ports = setup();
    const { receipt } = await submitReport(ports, { ...validReport, confidential: true });
    const error = await domainRejectionOf(getReport(ports, { trackingId: receipt.trackingId }));
    expect(error).toMatchObject({ kind: "not_found", code: "report_not_found" });
    const view = await getReport(ports, { trackingId: receipt.trackingId, accessToken: receipt.accessToken });
    expect(view.confidential).toBe(true);
  });

  it("says 400 for a typo and 404 for an unknown well-formed ID", async () => {
    const ports = setup();
    const { receipt } = await submitReport(ports, validReport);
    const typo = receipt.trackingId.slice(0, -1) + (receipt.trackingId.endsWith("2") ? "3" : "2");
    expect((await domainRejectionOf(getReport(ports, { trackingId: typo }))).code).toBe(
      "invalid_tracking_id",
    );
    const other = sequentialIds([42]).trackingId();
    expect((await domainRejectionOf(getReport(ports, { trackingId: other }))).code).toBe("report_not_found");
  });
});
