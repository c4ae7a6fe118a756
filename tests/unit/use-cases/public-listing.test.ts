/**
 * The public listing, stories and Open311's reads on memory ports (whose `publicMonth` keeps the sparse index's
 * contract, proven against DynamoDB Local in the port contracts): over a generated mix of reports —
 * anonymous or named, confidential or not, verified or not, archived, resolved and rated — nothing
 * but verified, non-confidential, unarchived reports appears, never a contact, and stories are only
 * the accepted, well-rated ones; paging returns each listed report exactly once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { archiveReport } from "../../../functions/use-cases/archive-report";
import { giveFeedback } from "../../../functions/use-cases/give-feedback";
import { listPublicReports } from "../../../functions/use-cases/list-public-reports";
import { getOpen311Request, listOpen311Requests } from "../../../functions/use-cases/open311";
import { verifyReport } from "../../../functions/use-cases/verify-report";
import { type MemoryPorts, memoryPorts } from "../../fixtures/in-memory";
import { bloraAdmin, fileReport, national } from "../../fixtures/journey";

const HOUR = 3600_000;

type Fate = "unverified" | "verified" | "archived" | "resolved-5" | "resolved-2" | "proposed";

async function reportWithFate(
  ports: MemoryPorts,
  fate: Fate,
  flags: { anonymous: boolean; confidential: boolean },
  n: number,
) {
  const { trackingId, accessToken } = await fileReport(ports, {
    title: `Laporan nomor ${n} tentang jalan`,
    ...flags,
    reporter: {
      name: `Pelapor${n}Nama`,
      email: `pelapor${n}@contact.example`,
      phone: `08123456${String(n).padStart(4, "0")}`,
    },
  });
  ports.clock.advance(HOUR);
  if (fate === "unverified") return trackingId;
  if (fate === "archived") {
    await archiveReport(ports, national, trackingId, { reason: "spam" });
    return trackingId;
  }
  await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
  if (fate === "verified") return trackingId;
  await addFollowUp(ports, bloraAdmin, trackingId, { message: "Sudah diperbaiki.", final: true });
  if (fate === "proposed") return trackingId;
  await giveFeedback(ports, trackingId, accessToken, {
    accepted: true,
    rating: fate === "resolved-5" ? 5 : 2,
  });
  return trackingId;
}

async function everything(ports: MemoryPorts, stories: boolean, limit: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPublicReports(
      ports,
      { limit, ...(cursor && { cursor }) },
      { storiesOnly: stories },
    );
    expect(page.reports.length).toBeLessThanOrEqual(limit);
    seen.push(...page.reports.map((r) => JSON.stringify(r)));
    cursor = page.cursor;
  } while (cursor);
  return seen;
}

describe("public listing and stories", () => {
  it("show only public reports, never a contact, stories only when accepted and rated 4–5, each once across pages", async () => {
    const fates: Fate[] = ["unverified", "verified", "archived", "resolved-5", "resolved-2", "proposed"];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ fate: fc.constantFrom(...fates), anonymous: fc.boolean(), confidential: fc.boolean() }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 5 }),
        async (mix, limit) => {
          const ports = memoryPorts();
          const made: { id: string; fate: Fate; confidential: boolean }[] = [];
          for (const [n, item] of mix.entries())
            made.push({ id: await reportWithFate(ports, item.fate, item, n), ...item });
          ports.clock.advance(24 * HOUR);

          const listed = await everything(ports, false, limit);
          const stories = await everything(ports, true, limit);
          const ids = (rows: string[]) => rows.map((row) => JSON.parse(row).trackingId as string);
          const publicOnes = made.filter(
            (m) => !m.confidential && !["unverified", "archived"].includes(m.fate),
          );
          expect(ids(listed).sort()).toEqual(publicOnes.map((m) => m.id).sort());
          expect(ids(stories).sort()).toEqual(
            publicOnes
              .filter((m) => m.fate === "resolved-5")
              .map((m) => m.id)
              .sort(),
          );
          // Open311: the list is the public index too; by id, anything the public tracking view shows.
          const geoListed = await listOpen311Requests(ports, {});
          expect(geoListed.map((r) => r.service_request_id).sort()).toEqual(
            publicOnes.map((m) => m.id).sort(),
          );
          const geoById = await listOpen311Requests(ports, {
            service_request_id: made.map((m) => m.id).join(","),
          });
          expect(geoById.map((r) => r.service_request_id).sort()).toEqual(
            made
              .filter((m) => !m.confidential)
              .map((m) => m.id)
              .sort(),
          );
          for (const m of made.filter((m) => m.confidential))
            await expect(getOpen311Request(ports, m.id)).rejects.toMatchObject({ code: "not_found" });
          for (const row of [
            ...listed,
            ...stories,
            ...[...geoListed, ...geoById].map((r) => JSON.stringify(r)),
          ]) {
            expect(row).not.toMatch(/Pelapor\d+Nama|@contact\.example|08123456/);
            expect(row).not.toContain('"reporter"');
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("refuses a range over 90 days or backwards, and a cursor it did not hand out", async () => {
    const ports = memoryPorts();
    await expect(
      listPublicReports(ports, { from: "2026-01-01", to: "2026-06-01", limit: 10 }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(
      listPublicReports(ports, { from: "2026-06-02", to: "2026-06-01", limit: 10 }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(listPublicReports(ports, { cursor: "bm90LWEtY3Vyc29y", limit: 10 })).rejects.toMatchObject({
      code: "invalid_cursor",
    });
  });

  it("filters by category parent, by agency subtree and by status", async () => {
    const ports = memoryPorts();
    const at = await reportWithFate(ports, "verified", { anonymous: false, confidential: false }, 1);
    ports.clock.advance(HOUR);
    const q = (extra: Record<string, unknown>) =>
      listPublicReports(ports, { limit: 10, ...extra }).then((p) => p.reports.map((r) => r.trackingId));
    expect(await q({ agencyId: "prov-jateng" })).toEqual([at]);
    expect(await q({ agencyId: "kota-medan" })).toEqual([]);
    expect(await q({ statuses: ["dispatched"] })).toEqual([at]);
    expect(await q({ statuses: ["resolved"] })).toEqual([]);
    expect(await q({ category: "infrastructure" })).toEqual([at]);
    expect(await q({ category: "education" })).toEqual([]);
  });
});
