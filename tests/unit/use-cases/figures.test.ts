/**
 * Agency figures built through the use cases, as in the seed articles: Kabupaten Blora's 2022
 * (32 received, 17 followed up: 53.1%, failing at 60%) and Kota Medan's 2023 (678 received, 448
 * resolved), then each lifecycle step's exact effect on the counters (PRODUCT.md §5).
 */
import { describe, expect, it } from "vitest";
import { cryptoIds } from "../../../functions/adapters/system/ids";
import type { FiguresRow } from "../../../functions/domain/views";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { applyEscalation } from "../../../functions/use-cases/apply-escalation";
import { applyFigures } from "../../../functions/use-cases/apply-figures";
import { dispatchReport } from "../../../functions/use-cases/dispatch-report";
import { getStats } from "../../../functions/use-cases/get-stats";
import { getStatsRankings } from "../../../functions/use-cases/get-stats-rankings";
import { giveFeedback } from "../../../functions/use-cases/give-feedback";
import { returnReport } from "../../../functions/use-cases/return-report";
import { submitReport } from "../../../functions/use-cases/submit-report";
import { updateAgency } from "../../../functions/use-cases/update-agency";
import { verifyReport } from "../../../functions/use-cases/verify-report";
import { memoryPorts, staff, validReport } from "../../fixtures/in-memory";
import { bloraAdmin, dinkesLiaison, dinkesUnit, national } from "../../fixtures/journey";

const DAY = 86_400_000;
const settings = { passingGradePercent: 60, rankingMinReceived: 10 };

function figuresPorts(start: string) {
  return { ...memoryPorts(new Date(start)), ids: cryptoIds, figuresSettings: settings };
}
type Ports = ReturnType<typeof figuresPorts>;

/** What the stream consumer does after every write: bring each report's contribution up to date. */
async function settle(ports: Ports): Promise<void> {
  for (const trackingId of ports.reports.reports.keys()) await applyFigures(ports, trackingId);
}

async function file(ports: Ports, extra: Record<string, unknown> = {}) {
  const occurredOn = ports.rules.calendar.localDate(ports.clock.now());
  const { receipt } = await submitReport(ports, { ...validReport, occurredOn, ...extra });
  return receipt;
}

async function row(ports: Ports, agencyId: string, from: string, to = from): Promise<FiguresRow> {
  return (await getStats(ports, { agencyId, from, to })).agency;
}

describe("Kabupaten Blora, 2022 (seed 003)", () => {
  it("32 received by its units, 17 followed up: 53.1%, below the 60% passing grade", async () => {
    const ports = figuresPorts("2022-01-10T02:00:00Z");
    const units = ["blora-dinkes", "blora-dpupr", "blora-disdik", "blora-dukcapil"];
    for (let i = 0; i < 32; i++) {
      const { trackingId } = await file(ports);
      await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
      const unit = units[i % units.length] as string;
      await dispatchReport(ports, bloraAdmin, trackingId, { agencyId: unit });
      if (i < 17) {
        ports.clock.advance(2 * 3600_000);
        await addFollowUp(ports, staff("liaison_officer", unit), trackingId, {
          message: "Sedang ditangani.",
        });
      }
      ports.clock.advance(11 * DAY); // spread over the year
    }
    // Two reports Blora sent back as not its authority count for the nation, not against Blora.
    for (let i = 0; i < 2; i++) {
      const { trackingId } = await file(ports);
      await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
      await returnReport(ports, bloraAdmin, trackingId, "Kewenangan provinsi.");
    }
    await settle(ports);

    const stats = await getStats(ports, { agencyId: "kab-blora", from: "2022-01", to: "2022-12" });
    expect(stats.passingGradePercent).toBe(60);
    expect(stats.agency).toMatchObject({
      agencyId: "kab-blora",
      received: 32,
      followedUp: 17,
      followUpRate: 53.1,
      passed: false,
    });
    const children = stats.children.filter((child) => child.received > 0);
    expect(children.map((c) => c.agencyId).sort()).toEqual([...units].sort());
    expect(children.reduce((n, c) => n + c.received, 0)).toBe(32);
    expect(children.reduce((n, c) => n + c.followedUp, 0)).toBe(17);
    expect((await row(ports, "prov-jateng", "2022-01", "2022-12")).received).toBe(32);
    expect((await row(ports, "nasional", "2022-01", "2022-12")).received).toBe(34);
    // Any split of the year adds up to the year.
    const first = await row(ports, "kab-blora", "2022-01", "2022-06");
    const second = await row(ports, "kab-blora", "2022-07", "2022-12");
    expect(first.received + second.received).toBe(32);
    expect(first.followedUp + second.followedUp).toBe(17);
    // Month by month in one read: twelve rows, oldest first, each the month asked for alone.
    expect(stats.byMonth.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, "0")}`),
    );
    expect(stats.byMonth.reduce((n, m) => n + m.received, 0)).toBe(32);
    expect(stats.byMonth.reduce((n, m) => n + m.followedUp, 0)).toBe(17);
    for (const month of ["2022-03", "2022-11"])
      expect(stats.byMonth.find((m) => m.month === month)).toEqual({
        month,
        ...(await row(ports, "kab-blora", month)),
      });

    // A regency-level grade of 50 makes the same figures pass (overridable per agency).
    await updateAgency(ports, national, "kab-blora", { passingGradePercent: 50 });
    const lenient = await getStats(ports, { agencyId: "kab-blora", from: "2022-01", to: "2022-12" });
    expect(lenient).toMatchObject({ passingGradePercent: 50, agency: { passed: true } });
    expect((await row(ports, "blora-dinkes", "2022-01", "2022-12")).passingGradePercent).toBe(50);
  });
});

describe("Kota Medan, 2023 (seed 004)", () => {
  it("678 received, 448 resolved; Sumatera Utara adds up its children exactly", async () => {
    const ports = figuresPorts("2023-01-02T02:00:00Z");
    await ports.directory.putAgency(
      {
        id: "kab-deli-serdang",
        name: "Pemerintah Kabupaten Deli Serdang",
        level: "regency",
        parentId: "prov-sumut",
      },
      "create",
    );
    const medanAdmin = staff("agency_admin", "kota-medan");
    const units = ["medan-dinkes", "medan-dishub", "medan-dlh", "medan-sda-bmbk"];
    const timeline: { at: number; run: () => Promise<unknown> }[] = [];
    for (let i = 0; i < 678 + 40; i++) {
      const toMedan = i < 678;
      const { trackingId, accessToken } = await file(ports);
      const target = toMedan ? "kota-medan" : "kab-deli-serdang";
      await verifyReport(ports, national, trackingId, { dispatchTo: target });
      if (toMedan) await dispatchReport(ports, medanAdmin, trackingId, { agencyId: units[i % 4] as string });
      const publisher = toMedan
        ? staff("liaison_officer", units[i % 4] as string)
        : staff("agency_admin", target);
      if (i % 678 < 448 || (!toMedan && i % 2 === 0)) {
        await addFollowUp(ports, publisher, trackingId, { message: "Selesai diperbaiki.", final: true });
        // Most reporters accept with a rating; the rest stay silent and are resolved automatically.
        if (i % 3 !== 0)
          await giveFeedback(ports, trackingId, accessToken, { accepted: true, rating: 1 + (i % 5) });
        else
          timeline.push({
            at: i,
            run: () => applyEscalation(ports, { trackingId, action: "autoResolve:1" }),
          });
      }
      ports.clock.advance(Math.floor((360 * DAY) / 718));
    }
    ports.clock.advance(30 * DAY);
    for (const step of timeline) await step.run();
    await settle(ports);

    const medan = await row(ports, "kota-medan", "2023-01", "2023-12");
    expect(medan).toMatchObject({ received: 678, resolved: 448, followedUp: 448, followUpRate: 66.1 });
    expect(medan.ratings).toBeGreaterThan(250);

    const sumut = await getStats(ports, { agencyId: "prov-sumut", from: "2023-01", to: "2023-12" });
    const fields = ["received", "followedUp", "resolved", "inProgress", "ratings"] as const;
    for (const field of fields)
      expect(sumut.agency[field]).toBe(sumut.children.reduce((n, child) => n + child[field], 0));
    expect(sumut.agency.received).toBe(718);

    const rankings = await getStatsRankings(ports, {
      parentId: "prov-sumut",
      from: "2023-01",
      to: "2023-12",
    });
    expect(rankings.ranked.map((r) => [r.rank, r.agencyId])).toEqual([
      [1, "kab-deli-serdang"],
      [2, "kota-medan"],
    ]);
    const tiny = await getStatsRankings(ports, {
      parentId: "kota-medan",
      from: "2023-01",
      to: "2023-12",
      minReceived: 200,
    });
    expect(tiny.ranked).toEqual([]);
    expect(tiny.notRanked).toHaveLength(4);
  }, 60_000);
});

describe("each step moves exactly its figures", () => {
  it("verification, dispatch inside the subtree, return, follow-up, rejection, acceptance with a rating", async () => {
    const ports = figuresPorts("2026-03-02T02:00:00Z"); // Monday
    const { trackingId, accessToken } = await file(ports);
    await settle(ports);
    const live = async (agencyId: string) =>
      Object.fromEntries(
        Object.entries((await ports.figures.live([agencyId])).get(agencyId) ?? {}).filter(([, n]) => n !== 0),
      );
    expect(await live("nasional")).toEqual({ submitted: 1 });
    expect((await row(ports, "nasional", "2026-03")).received).toBe(0);

    await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
    ports.clock.advance(DAY);
    await dispatchReport(ports, bloraAdmin, trackingId, { agencyId: "blora-dinkes" });
    ports.clock.advance(DAY);
    await returnReport(ports, dinkesUnit, trackingId, "Bukan kewenangan dinas kesehatan.");
    await dispatchReport(ports, bloraAdmin, trackingId, { agencyId: "blora-dpupr" });
    await settle(ports);
    // Received once by Blora (re-dispatched inside), never by the unit that returned it.
    expect(await row(ports, "kab-blora", "2026-03")).toMatchObject({ received: 1, followedUp: 0 });
    expect((await row(ports, "blora-dinkes", "2026-03")).received).toBe(0);
    expect((await row(ports, "blora-dpupr", "2026-03")).received).toBe(1);
    expect(await live("blora-dinkes")).toEqual({});
    expect(await live("kab-blora")).toEqual({ dispatched: 1 });

    ports.clock.advance(DAY / 2);
    await addFollowUp(ports, staff("liaison_officer", "blora-dpupr"), trackingId, {
      message: "Diperbaiki.",
      final: true,
    });
    await settle(ports);
    const blora = await row(ports, "kab-blora", "2026-03");
    expect(blora).toMatchObject({
      followedUp: 1,
      followUpRate: 100,
      inProgress: 1,
      onTimeFirstFollowUpRate: 100,
    });
    expect(blora.avgDaysToFirstFollowUp).toBe(2.5); // from Blora's entry (verification)
    expect((await row(ports, "blora-dpupr", "2026-03")).avgDaysToFirstFollowUp).toBe(0.5);

    await giveFeedback(ports, trackingId, accessToken, { accepted: false, comment: "Belum selesai." });
    await settle(ports);
    expect(await row(ports, "kab-blora", "2026-03")).toMatchObject({
      resolved: 0,
      inProgress: 1,
      ratings: 0,
    });

    await addFollowUp(ports, staff("liaison_officer", "blora-dpupr"), trackingId, {
      message: "Kini selesai.",
      final: true,
    });
    ports.clock.advance(DAY / 2);
    await giveFeedback(ports, trackingId, accessToken, { accepted: true, rating: 4 });
    await settle(ports);
    expect(await row(ports, "kab-blora", "2026-03")).toMatchObject({
      received: 1,
      followedUp: 1,
      resolved: 1,
      resolvedRate: 100,
      inProgress: 0,
      avgDaysToResolution: 3,
      ratings: 1,
      avgRating: 4,
    });
    expect(await live("nasional")).toEqual({ resolved: 1 });
    // Applying again changes nothing (idempotent per report).
    const before = structuredClone([...ports.figures.counters]);
    expect(await applyFigures(ports, trackingId)).toBe("unchanged");
    expect([...ports.figures.counters]).toEqual(before);
  });

  it("counts by local month: verified at 03:00 WIB on 1 April is April's, though it is still March in UTC", async () => {
    const ports = figuresPorts("2026-03-31T19:30:00Z"); // 02:30 WIB, 1 April
    const { trackingId } = await file(ports);
    ports.clock.advance(30 * 60_000);
    await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
    await settle(ports);
    expect((await row(ports, "kab-blora", "2026-03")).received).toBe(0);
    expect((await row(ports, "kab-blora", "2026-04")).received).toBe(1);
  });

  it("auto-resolution resolves without a rating", async () => {
    const ports = figuresPorts("2026-03-02T02:00:00Z");
    const { trackingId } = await file(ports);
    await verifyReport(ports, national, trackingId, { dispatchTo: "blora-dinkes" });
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Selesai diperbaiki.", final: true });
    await settle(ports);
    expect(await row(ports, "kab-blora", "2026-03")).toMatchObject({ inProgress: 1, resolved: 0 });
    ports.clock.advance(20 * DAY);
    expect(await applyEscalation(ports, { trackingId, action: "autoResolve:1" })).toBe("applied");
    await settle(ports);
    expect(await row(ports, "kab-blora", "2026-03")).toMatchObject({
      inProgress: 0,
      resolved: 1,
      resolvedRate: 100,
      ratings: 0,
      avgRating: null,
    });
  });

  it("a late first follow-up is not on time, and an overdue report counts in overdueNow until answered", async () => {
    const ports = figuresPorts("2026-03-02T02:00:00Z");
    const { trackingId } = await file(ports);
    await verifyReport(ports, national, trackingId, { dispatchTo: "blora-dinkes" });
    ports.clock.advance(10 * DAY); // past 5 working days
    await applyEscalation(ports, { trackingId, action: "firstFollowUp:1" });
    await settle(ports);
    expect((await row(ports, "kab-blora", "2026-03")).overdueNow).toBe(1);
    expect((await row(ports, "kemenkes", "2026-03")).overdueNow).toBe(0);

    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Terlambat, tetapi ditangani." });
    await settle(ports);
    expect(await row(ports, "kab-blora", "2026-03")).toMatchObject({
      followedUp: 1,
      onTimeFirstFollowUpRate: 0,
      overdueNow: 0,
      avgDaysToFirstFollowUp: 10,
    });
  });
});
