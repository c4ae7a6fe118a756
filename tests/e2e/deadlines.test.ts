/**
 * Deadlines and escalation end to end (PRODUCT.md §4): `npm start` as a child process, driven
 * through time with the local helpers — `POST /_local/clock` moves the app's clock forward and
 * `POST /_local/schedules/sweep/run` runs the sweep and waits until the escalations queue is
 * consumed. Expected instants are computed with the same working-day calendar the app uses (the
 * local server runs without CALENDAR_JSON, i.e. DEFAULT_CALENDAR: Asia/Jakarta, Mon–Fri, Indonesia's
 * holidays and cuti bersama).
 *
 * The clock only moves forward and is shared by the scenarios, so they run in order in one app.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkingCalendar } from "../../functions/domain/calendar";
import { DEFAULT_CALENDAR } from "../../functions/shared/deadline-rules";
import { apiClient, type RunningApp, START_TIMEOUT_MS, startApp, stopApp } from "./app-process";

const cal = new WorkingCalendar(DEFAULT_CALENDAR);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let dataDir: string;
let app: RunningApp;

const { http, staffToken: staff } = apiClient(() => app.url);

/** Moves the app clock forward to `instant`; returns the app's now. */
/** Moves the clock; `catchUp: false` keeps the timer's sweep from running beside the test's own. */
async function clockTo(instant: Date, catchUp = true): Promise<string> {
  const { status, body } = await http("POST", "/_local/clock", {
    body: { now: instant.toISOString(), catchUp },
  });
  expect(status, JSON.stringify(body)).toBe(200);
  return body.now;
}

/** Runs the sweep now and waits until what it queued has been applied. */
async function sweep(): Promise<{ queued: number }> {
  const { status, body } = await http("POST", "/_local/schedules/sweep/run");
  expect(status, JSON.stringify(body)).toBe(200);
  // Escalations write reports, whose figures and notifications follow through the table's stream.
  expect(body.drained).toEqual(["escalations", "figures", "notifications", "webhooks"]);
  return body.result;
}

async function submit(
  title: string,
): Promise<{ trackingId: string; accessToken: string; createdAt: string }> {
  const { status, body } = await http("POST", "/v1/reports", {
    headers: { "idempotency-key": randomUUID() },
    body: {
      kind: "complaint",
      title,
      description: "Puskesmas Kunduran tutup pukul 10.00 padahal jadwal layanan sampai 14.00.",
      category: "health.hospital-service",
      location: { regionCode: "33.16", address: "Kunduran, Blora" },
      reporter: { name: "Siti Aminah", email: "siti@example.org" },
    },
  });
  expect(status, JSON.stringify(body)).toBe(201);
  const view = await http("GET", `/v1/reports/${body.trackingId}`, { access: body.accessToken });
  return { trackingId: body.trackingId, accessToken: body.accessToken, createdAt: view.body.createdAt };
}

/** Verified by the national admin straight to Blora's health office (a unit of Kabupaten Blora). */
async function verifyToBloraHealthOffice(trackingId: string): Promise<void> {
  const { status, body } = await http("POST", `/v1/reports/${trackingId}/verify`, {
    token: await staff("national_admin", "nasional"),
    body: { dispatchTo: "blora-dinkes" },
  });
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.status).toBe("dispatched");
}

const staffView = async (trackingId: string) =>
  (await http("GET", `/v1/staff/reports/${trackingId}`, { token: await staff("national_admin", "nasional") }))
    .body;
const reporterView = async (trackingId: string, accessToken: string) =>
  (await http("GET", `/v1/reports/${trackingId}`, { access: accessToken })).body;
// biome-ignore lint/suspicious/noExplicitAny: timeline events as JSON
const eventsOf = (view: Record<string, any>, type: string): Record<string, any>[] =>
  view.timeline.filter((e: { type: string }) => e.type === type);

/**
 * Wednesday 23 December 2026, 10:00 WIB: the next day is cuti bersama, the one after Christmas,
 * then a weekend — so the 3-working-day verification clock ends on Wednesday 30 December. Should
 * the tests run after that date, the next Wednesday whose clock crosses a holiday is used.
 */
function verificationStart(): Date {
  const preferred = new Date("2026-12-23T10:00:00+07:00");
  if (preferred.getTime() > Date.now() + HOUR) return preferred;
  const holidays = new Set(DEFAULT_CALENDAR.holidays);
  for (let day = cal.localDate(new Date(Date.now() + 86_400_000)); day < "2028-01-01"; ) {
    const start = new Date(cal.startOfLocalDay(day).getTime() + 10 * HOUR);
    const due = cal.localDate(cal.addWorkingDays(start, 3));
    const window = [...holidays].filter((h) => h > day && h <= due);
    if (cal.isoWeekday(day) === 3 && window.length > 0) return start;
    day = cal.localDate(new Date(cal.endOfLocalDay(day).getTime() + 1));
  }
  throw new Error("No holiday data after 2027: add the new year's SKB to functions/domain/holidays-id.ts");
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "aduan-e2e-deadlines-"));
  app = await startApp(dataDir);
}, START_TIMEOUT_MS);

afterAll(async () => {
  if (app) expect(await stopApp(app)).toBe(0);
  await rm(dataDir, { recursive: true, force: true });
}, 30_000);

describe("local time and schedules", () => {
  it("prints the SQS endpoint and the sweep schedule with the dev stage's expression", () => {
    expect(app.output()).toMatch(/SQS \(fauxqs\)\s+http:\/\/127\.0\.0\.1:\d+\s+queues notifications/);
    expect(app.output()).toMatch(/Schedule\s+sweep: sweep-overdue rate\(15 minutes\)/);
  });

  it("lists the sweep schedule and the queues with their DLQs", async () => {
    const schedules = await http("GET", "/_local/schedules");
    expect(schedules.status).toBe(200);
    expect(schedules.body.schedules).toEqual([
      expect.objectContaining({
        name: "sweep",
        handler: "sweep-overdue",
        expression: "rate(15 minutes)",
        nextRunAt: expect.any(String),
      }),
    ]);
    const queues = await http("GET", "/_local/queues");
    expect(queues.body.queues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "escalations",
          consumer: "apply-escalation",
          visible: 0,
          inFlight: 0,
        }),
        expect.objectContaining({
          name: "notifications",
          consumer: "send-notifications",
          deadLetter: expect.any(Object),
        }),
        expect.objectContaining({
          name: "webhooks",
          consumer: "deliver-webhooks",
          deadLetter: expect.any(Object),
        }),
      ]),
    );
  });

  it("refuses to move the clock backwards, or by a duration it cannot read", async () => {
    const backwards = await http("POST", "/_local/clock", { body: { now: "2020-01-01T00:00:00Z" } });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({
      error: "invalid_input",
      details: [{ field: "now", message: expect.stringMatching(/only moves forward/) }],
      requestId: expect.any(String),
    });
    const months = await http("POST", "/_local/clock", { body: { advance: "P1M" } });
    expect(months.status).toBe(400);
    expect(months.body.details).toEqual([{ field: "advance", message: expect.stringMatching(/months/) }]);
    const unknown = await http("POST", "/_local/schedules/nightly/run");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: "schedule_not_found", requestId: expect.any(String) });
  });
});

describe("deadlines and escalation", () => {
  // Scenario b's report, which scenario d takes on to the Ombudsman.
  let unanswered: { trackingId: string; accessToken: string };

  it("escalates a report left unverified over a weekend and holidays exactly once, however often the sweep runs", async () => {
    const start = verificationStart();
    const now = await clockTo(start);
    expect(Date.parse(now) - start.getTime()).toBeLessThan(MINUTE);
    const { trackingId, accessToken, createdAt } = await submit("Verifikasi terlambat");
    const due = cal.addWorkingDays(new Date(createdAt), 3);
    if (start.toISOString().startsWith("2026-12-23"))
      expect(due.toISOString()).toBe("2026-12-30T16:59:59.999Z");

    const reporter = await reporterView(trackingId, accessToken);
    expect(reporter.deadlines.verification).toBe(due.toISOString());

    // One minute before the end of the third working day: not overdue yet.
    await clockTo(new Date(due.getTime() - MINUTE));
    await sweep();
    expect((await staffView(trackingId)).escalations).toEqual([]);

    // The fourth working day, 10:00: overdue. Two sweeps at once, then a third — and no timer
    // sweep beside them, so that one of these two is the one that finds it.
    const fourthDay = cal.nthWorkingDayAfter(cal.localDate(new Date(createdAt)), 4);
    await clockTo(new Date(cal.startOfLocalDay(fourthDay).getTime() + 10 * HOUR), false);
    const [first, second] = await Promise.all([sweep(), sweep()]);
    expect(first.queued + second.queued).toBeGreaterThanOrEqual(1);
    await sweep();

    const view = await staffView(trackingId);
    expect(view.status).toBe("submitted");
    expect(view.escalations).toEqual([
      {
        clock: "verification",
        level: 1,
        anchor: createdAt,
        at: due.toISOString(),
        appliedAt: expect.stringMatching(new RegExp(`^${fourthDay}`)),
      },
    ]);
    const escalated = eventsOf(view, "escalated");
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({
      clock: "verification",
      level: 1,
      targets: ["nasional"],
      actor: { kind: "system" },
    });
    // The reporter sees the escalation and the clock that was missed.
    const after = await reporterView(trackingId, accessToken);
    expect(eventsOf(after, "escalated")).toHaveLength(1);
    expect(after.deadlines.verification).toBe(due.toISOString());

    const queues = (await http("GET", "/_local/queues")).body.queues as {
      name: string;
      deadLetter: { visible: number };
    }[];
    expect(queues.find((q) => q.name === "escalations")?.deadLetter.visible).toBe(0);
  });

  it("escalates an unanswered dispatch level by level: the unit and its agency, the parent agency, the national admin", async () => {
    unanswered = await submit("Tidak ada tindak lanjut");
    const { trackingId } = unanswered;
    await verifyToBloraHealthOffice(trackingId);

    const dispatched = await staffView(trackingId);
    const dispatchedAt = eventsOf(dispatched, "verified").at(-1)?.at as string;
    const level1 = cal.addWorkingDays(new Date(dispatchedAt), 5);
    const level2 = cal.addWorkingDays(level1, 2);
    const level3 = cal.addWorkingDays(level2, 2);
    expect(dispatched.deadlines.firstFollowUp).toBe(level1.toISOString());

    const expectedTargets = [["blora-dinkes", "kab-blora"], ["prov-jateng"], ["nasional"]];
    for (const [index, at] of [level1, level2, level3].entries()) {
      await clockTo(new Date(at.getTime() + MINUTE));
      await sweep();
      await sweep(); // a second run changes nothing
      const view = await staffView(trackingId);
      expect(view.escalations.map((e: { level: number }) => e.level)).toEqual([1, 2, 3].slice(0, index + 1));
      expect(view.escalations.at(-1)).toMatchObject({
        clock: "firstFollowUp",
        level: index + 1,
        at: at.toISOString(),
      });
      const escalated = eventsOf(view, "escalated");
      expect(escalated.map((e) => e.targets)).toEqual(expectedTargets.slice(0, index + 1));
      expect(escalated.at(-1)).toMatchObject({ clock: "firstFollowUp", level: index + 1 });
    }
    expect((await staffView(trackingId)).status).toBe("dispatched");
  });

  it("resolves a report automatically when the reporter does not answer a final follow-up in 10 working days", async () => {
    const { trackingId, accessToken } = await submit("Usulan selesai tanpa jawaban");
    await verifyToBloraHealthOffice(trackingId);
    const final = await http("POST", `/v1/reports/${trackingId}/follow-ups`, {
      token: await staff("liaison_officer", "blora-dinkes"),
      body: { message: "Jam layanan sudah dipasang di depan Puskesmas.", final: true },
    });
    expect(final.status, JSON.stringify(final.body)).toBe(201);
    expect(final.body.status).toBe("published");

    const proposed = await reporterView(trackingId, accessToken);
    expect(proposed.status).toBe("in_progress");
    const due = cal.addWorkingDays(new Date(proposed.resolutionProposedAt), 10);
    expect(proposed.deadlines.autoResolve).toBe(due.toISOString());

    await clockTo(new Date(due.getTime() - MINUTE));
    await sweep();
    expect((await reporterView(trackingId, accessToken)).status).toBe("in_progress");

    await clockTo(new Date(due.getTime() + MINUTE));
    await sweep();
    const resolved = await reporterView(trackingId, accessToken);
    expect(resolved.status).toBe("resolved");
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect(eventsOf(resolved, "auto_resolved")).toEqual([
      expect.objectContaining({
        status: "resolved",
        actor: { kind: "system" },
        clock: "autoResolve",
        level: 1,
      }),
    ]);
    // Public too: anyone tracking the report sees why it closed.
    expect(eventsOf((await http("GET", `/v1/reports/${trackingId}`)).body, "auto_resolved")).toHaveLength(1);
  });

  it("lets the reporter forward a report unresolved after 60 days to the Ombudsman, with a case file", async () => {
    const { trackingId, accessToken } = unanswered;
    const early = await http("POST", `/v1/reports/${trackingId}/ombudsman`, { access: accessToken });
    expect(early.status).toBe(409);

    const verifiedAt = (await staffView(trackingId)).verifiedAt as string;
    const due = cal.addDays(new Date(verifiedAt), 60);
    expect((await reporterView(trackingId, accessToken)).deadlines.resolution).toBe(due.toISOString());
    await clockTo(new Date(due.getTime() + MINUTE));
    await sweep();

    const eligible = await reporterView(trackingId, accessToken);
    expect(eligible.ombudsmanEligibleAt).toEqual(expect.any(String));
    expect(eventsOf(eligible, "ombudsman_eligible")).toHaveLength(1);

    const forwarded = await http("POST", `/v1/reports/${trackingId}/ombudsman`, { access: accessToken });
    expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(200);
    expect(forwarded.body.ombudsmanForwardedAt).toEqual(expect.any(String));
    expect(eventsOf(forwarded.body, "ombudsman_forwarded")).toHaveLength(1);
    const again = await http("POST", `/v1/reports/${trackingId}/ombudsman`, { access: accessToken });
    expect(again.status).toBe(409);

    const file = await http("GET", `/v1/reports/${trackingId}/case-file`, { access: accessToken });
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ trackingId, ombudsmanForwardedAt: expect.any(String) });
    expect(file.body.chronology.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        "submitted",
        "verified",
        "escalated",
        "ombudsman_eligible",
        "ombudsman_forwarded",
      ]),
    );
    expect(file.body.chronology.filter((e: { type: string }) => e.type === "escalated")).toHaveLength(3);
    expect(file.body.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clock: "verification", outcome: "met" }),
        expect.objectContaining({ clock: "firstFollowUp", outcome: "missed" }),
        expect.objectContaining({ clock: "resolution", dueAt: due.toISOString(), outcome: "missed" }),
      ]),
    );

    const html = await http("GET", `/v1/reports/${trackingId}/case-file?format=html`, {
      access: accessToken,
    });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.body.text).toContain(trackingId);
    expect(html.body.text).toMatch(/<!doctype html>/i);

    const stranger = await http("GET", `/v1/reports/${trackingId}/case-file`);
    expect([401, 403, 404]).toContain(stranger.status);
  });

  it(
    "keeps the moved clock across a restart",
    async () => {
      const before = (await http("GET", "/_local/clock")).body;
      expect(before.offsetMs).toBeGreaterThan(0);
      expect(await stopApp(app)).toBe(0);
      app = await startApp(dataDir);
      const after = (await http("GET", "/_local/clock")).body;
      expect(after.offsetMs).toBe(before.offsetMs);
      expect(Date.parse(after.now)).toBeGreaterThanOrEqual(Date.parse(before.now));
    },
    START_TIMEOUT_MS + 30_000,
  );
});
