/**
 * The rest of the citizen site and the console in a real browser against `npm start` (issue 14):
 * staff put a report on hold and the reporter replies from the tracking page; staff archive one
 * as spam; the public listing shows a verified public report and never a confidential one; staff
 * add a document and publish it, and the public page lists it; a report left unresolved past its
 * deadline is forwarded to the Ombudsman from the tracking page and its case file opened.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { id as ID } from "../../web/src/messages/id";
import { jpeg } from "../fixtures/files";
import { apiClient, useApp } from "./app-process";
import { DESKTOP, expectAccessible, PHONE, screenshot, useBrowser } from "./browser";

const running = useApp("aduan-e2e-web-citizen-");
const { http, staffToken } = apiClient(() => running.app().url);

const { url, pageErrors, open, signIn } = useBrowser(() => running.app().url);

/** Files a report to Blora through the API; its tracking ID and access token. */
async function file(
  title: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; token: string }> {
  const { status, body } = await http("POST", "/v1/reports", {
    headers: { "idempotency-key": randomUUID() },
    body: {
      kind: "complaint",
      title,
      description: "Uraian yang cukup panjang untuk laporan ini.",
      category: "infrastructure.roads",
      agencyId: "kab-blora",
      ...extra,
    },
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return { id: body.trackingId, token: body.accessToken };
}

/** Opens the reporter's view of `id` on the tracking page, entering the token. */
async function track(page: Page, report: { id: string; token: string }): Promise<void> {
  await page.goto(url("/lacak"));
  await page.getByLabel(ID.trackingId).fill(report.id);
  await page.getByLabel(ID.accessTokenOptional).fill(report.token);
  await page.getByRole("button", { name: ID.track, exact: true }).click();
  await page.getByText(ID.reporterViewNote).waitFor();
}

describe("the citizen site and the console, further", () => {
  it("staff put a report on hold; the reporter replies from the tracking page and it is back for verification", async () => {
    const report = await file("Saluran air tersumbat di Jepon");
    const admin = await open(DESKTOP);
    await signIn(admin, "agency_admin", "kab-blora");
    await admin.goto(url(`/staf/laporan/${report.id}`));
    await admin.getByLabel(ID.holdReasonLabel).fill("Mohon sebutkan RT/RW dan patokan lokasi.");
    await admin.getByRole("button", { name: ID.action_hold, exact: true }).click();
    await admin.getByText(ID.done_hold).waitFor();

    const citizen = await open(PHONE);
    await track(citizen, report);
    await citizen.getByText(ID.onHoldExplained).waitFor();
    await citizen.getByText("Mohon sebutkan RT/RW dan patokan lokasi.").waitFor();
    await expectAccessible(citizen, "on hold, reporter");
    await screenshot(citizen, "citizen-on-hold-id-phone");
    await citizen.getByLabel(ID.replyLabel).fill("RT 03 RW 02, depan masjid Al-Ikhlas.");
    await citizen.getByRole("button", { name: ID.sendReply }).click();
    await citizen.getByText(ID.replySent).waitFor();
    // And adds a photo from the same page: announced with the token, uploaded, then checked.
    await citizen
      .locator("#reporter-file")
      .setInputFiles({ name: "lokasi.jpg", mimeType: "image/jpeg", buffer: jpeg() });
    await citizen.getByText(ID.upload_done).waitFor();
    await expect
      .poll(
        async () => {
          await track(citizen, report);
          return citizen.getByText(`lokasi.jpg · ${ID.attachment_clean}`).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const { body } = await http("GET", `/v1/reports/${report.id}`, { access: report.token });
    expect(body.status).toBe("submitted");
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("staff archive a report as spam, and anyone tracking it sees it archived", async () => {
    const report = await file("Promo pinjaman online cepat cair");
    const admin = await open(DESKTOP);
    await signIn(admin, "agency_admin", "kab-blora");
    await admin.goto(url(`/staf/laporan/${report.id}`));
    await admin.getByLabel(ID.archiveReasonLabel, { exact: true }).selectOption("spam");
    await admin.getByRole("button", { name: ID.action_archive, exact: true }).click();
    await admin.getByText(ID.done_archive).waitFor();
    // Archived: nothing is left for an admin to do.
    await admin.getByText(ID.noActionsForRole).waitFor();

    const anyone = await open(PHONE);
    await anyone.goto(url(`/lacak/${report.id}`));
    await anyone.getByText(ID.status_archived).first().waitFor();
  }, 60_000);

  it("the public listing shows a verified public report, never a confidential one", async () => {
    const open_ = await file("Lampu jalan mati di Cepu");
    const secret = await file("Pungutan liar di kantor kelurahan", { confidential: true });
    const blora = await staffToken("agency_admin", "kab-blora");
    for (const report of [open_, secret])
      expect(
        (
          await http("POST", `/v1/reports/${report.id}/verify`, {
            token: blora,
            body: { dispatchTo: "blora-dpupr" },
          })
        ).status,
      ).toBe(200);
    const page = await open(PHONE);
    await page.goto(url("/publik"));
    await page.getByText("Lampu jalan mati di Cepu").waitFor();
    expect(await page.getByText("Pungutan liar di kantor kelurahan").count()).toBe(0);
    // And tracking the confidential one by its ID shows nothing of it.
    await page.goto(url(`/lacak/${secret.id}`));
    await page.getByRole("alert").waitFor();
    expect(await page.getByText("Pungutan liar").count()).toBe(0);
  }, 60_000);

  it("staff add a document and publish it; the public page lists it", async () => {
    const report = await file("Jembatan retak di Randublatung");
    const blora = await staffToken("agency_admin", "kab-blora");
    await http("POST", `/v1/reports/${report.id}/verify`, {
      token: blora,
      body: { dispatchTo: "blora-dpupr" },
    });
    const liaison = await open(DESKTOP);
    await signIn(liaison, "liaison_officer", "blora-dpupr");
    await liaison.goto(url(`/staf/laporan/${report.id}`));
    await liaison.locator("#staff-file").setInputFiles({
      name: "hasil-survei.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
    });
    await liaison.getByText(ID.done_upload).waitFor();
    // The check runs in the background: reload until the file is ready, then publish it.
    await expect
      .poll(
        async () => {
          await liaison.reload();
          await liaison.getByRole("heading", { name: "Jembatan retak di Randublatung" }).waitFor();
          return liaison.getByText(`hasil-survei.pdf · ${ID.attachment_clean}`).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await liaison.getByRole("button", { name: `${ID.publish} hasil-survei.pdf` }).click();
    await liaison.getByText(ID.done_publish_attachment).waitFor();

    const anyone = await open(PHONE);
    await anyone.goto(url(`/lacak/${report.id}`));
    await anyone.getByText(`hasil-survei.pdf · ${ID.attachment_clean}`).waitFor();
  }, 60_000);

  it("a report unresolved past its deadline goes to the Ombudsman from the tracking page, with its case file", async () => {
    const report = await file("Sampah menumpuk di pasar Blora");
    const blora = await staffToken("agency_admin", "kab-blora");
    await http("POST", `/v1/reports/${report.id}/verify`, {
      token: blora,
      body: { dispatchTo: "blora-dpupr" },
    });
    // 61 days on (the resolution clock is 60), and the sweep marks it eligible.
    expect((await http("POST", "/_local/clock", { body: { advance: "P61D" } })).status).toBe(200);
    expect((await http("POST", "/_local/schedules/sweep/run")).status).toBe(200);

    const citizen = await open(PHONE);
    await track(citizen, report);
    await citizen.getByText(ID.ombudsmanEligible).waitFor();
    await expectAccessible(citizen, "Ombudsman eligible");
    await citizen.getByRole("button", { name: ID.forwardToOmbudsman }).click();
    await citizen.getByText(ID.ombudsmanForwarded).waitFor();
    await citizen.getByRole("button", { name: ID.openCaseFile }).click();
    const caseFile = citizen.getByRole("definition").filter({ hasText: report.id });
    await caseFile.waitFor();
    await screenshot(citizen, "citizen-ombudsman-id-phone");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
