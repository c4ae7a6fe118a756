/**
 * Who hears of what, from the events the use cases really write: a report's life through Blora,
 * each event mapped to the notifications of issue 11's table, with ids that make duplicates equal.
 */
import { describe, expect, it } from "vitest";
import { Directory } from "../../../functions/domain/directory";
import { notificationsFor } from "../../../functions/domain/notifications";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { applyEscalation } from "../../../functions/use-cases/apply-escalation";
import { archiveReport } from "../../../functions/use-cases/archive-report";
import { dispatchReport } from "../../../functions/use-cases/dispatch-report";
import { giveFeedback } from "../../../functions/use-cases/give-feedback";
import { holdReport } from "../../../functions/use-cases/hold-report";
import { returnReport } from "../../../functions/use-cases/return-report";
import { verifyReport } from "../../../functions/use-cases/verify-report";
import { demoDirectoryData, memoryPorts } from "../../fixtures/in-memory";
import { bloraAdmin, dinkesLiaison, dinkesUnit, fileReport, national } from "../../fixtures/journey";

const directory = new Directory(demoDirectoryData);
const DAY = 86_400_000;

async function loaded(ports: ReturnType<typeof memoryPorts>, trackingId: string) {
  const stored = await ports.reports.load(trackingId);
  if (!stored) throw new Error("no report");
  return stored;
}

/** [kind, audience] of every notification owed by the events written since `fromSeq`. */
async function owed(ports: ReturnType<typeof memoryPorts>, trackingId: string, fromSeq = 1) {
  const stored = await ports.reports.load(trackingId);
  if (!stored) throw new Error("no report");
  return stored.timeline
    .filter((event) => event.seq >= fromSeq)
    .flatMap((event) => notificationsFor(event, stored.report, directory))
    .map((n) => [n.kind, n.audience.kind === "reporter" ? "reporter" : n.audience.agencyId]);
}

describe("notifications owed by each event", () => {
  it("submission, dispatch to an agency and inside it, a follow-up, a proposal, acceptance", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await fileReport(ports, { agencyId: "kab-blora" });
    expect(await owed(ports, trackingId)).toEqual([
      ["submitted", "reporter"],
      ["submitted", "kab-blora"],
    ]);
    await verifyReport(ports, bloraAdmin, trackingId, { dispatchTo: "blora-dinkes" });
    expect(await owed(ports, trackingId, 2)).toEqual([
      ["dispatched", "reporter"],
      ["dispatched", "blora-dinkes"],
    ]);
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Sedang ditangani." });
    const followUp = (await ports.reports.load(trackingId))?.timeline.at(-1);
    expect(
      followUp && notificationsFor(followUp, (await loaded(ports, trackingId)).report, directory, []),
    ).toMatchObject([{ kind: "follow_up", audience: { kind: "reporter" } }]);
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Selesai.", final: true });
    const stored = await loaded(ports, trackingId);
    const final = stored.timeline.at(-1);
    expect(final && notificationsFor(final, stored.report, directory, stored.followUps)).toMatchObject([
      { kind: "resolution_proposed", audience: { kind: "reporter" } },
    ]);
    await giveFeedback(ports, trackingId, accessToken, { accepted: false, comment: "Belum." });
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Kini selesai.", final: true });
    await giveFeedback(ports, trackingId, accessToken, { accepted: true, rating: 5 });
    const done = await loaded(ports, trackingId);
    const [reopened, , resolved] = done.timeline.slice(-3);
    if (!reopened || !resolved) throw new Error("events missing");
    expect(notificationsFor(reopened, done.report, directory).map((n) => [n.kind, n.audience])).toEqual([
      ["reopened", { kind: "agency", agencyId: "blora-dinkes" }],
    ]);
    expect(notificationsFor(resolved, done.report, directory).map((n) => n.id)).toEqual([
      `${trackingId}#${resolved.seq}#reporter`,
      `${trackingId}#${resolved.seq}#agency:blora-dinkes`,
    ]);
  });

  it("a dispatch inside an agency tells the unit only; a return tells whoever gets it back; escalations their targets", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
    expect(await owed(ports, trackingId, 2)).toEqual([
      ["dispatched", "reporter"],
      ["dispatched", "kab-blora"],
    ]);
    await dispatchReport(ports, bloraAdmin, trackingId, { agencyId: "blora-dinkes" });
    expect(await owed(ports, trackingId, 3)).toEqual([["dispatched_to_unit", "blora-dinkes"]]);
    await returnReport(ports, dinkesUnit, trackingId, "Bukan kewenangan kami.");
    expect(await owed(ports, trackingId, 4)).toEqual([["returned", "kab-blora"]]);
    ports.clock.advance(30 * DAY);
    await applyEscalation(ports, { trackingId, action: "firstFollowUp:1" });
    const escalated = (await owed(ports, trackingId, 5)).filter(([kind]) => kind === "escalated");
    expect(escalated.length).toBeGreaterThan(0);
    expect(escalated.every(([, who]) => who !== "reporter")).toBe(true);
  });

  it("a hold and an archive tell the reporter only", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    await holdReport(ports, national, trackingId, "Mohon lampirkan lokasi yang tepat.");
    expect(await owed(ports, trackingId, 2)).toEqual([["held", "reporter"]]);
    const other = await fileReport(ports);
    await archiveReport(ports, national, other.trackingId, { reason: "spam" });
    expect(await owed(ports, other.trackingId, 2)).toEqual([["archived", "reporter"]]);
  });
});
