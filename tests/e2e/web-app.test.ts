/**
 * The web app in a real browser (Chromium via playwright-core) against `npm start` (issue 14): a
 * citizen files a report with a photo on a phone and tracks it; Blora's agency admin verifies and
 * dispatches it; the health office's unit admin drafts a final follow-up and its liaison officer
 * publishes it; the reporter accepts with a rating; Blora's dashboard shows the new figures. Every
 * page passes axe-core without a serious or critical violation, in both languages, on a phone and a
 * desktop, and is photographed into `.screenshots/`.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "../../lib/web-security";
import { en } from "../../web/src/messages/en";
import { id as ID } from "../../web/src/messages/id";
import { exifGpsSegment, jpeg } from "../fixtures/files";
import { apiClient, useApp } from "./app-process";
import { DESKTOP, expectAccessible, PHONE, screenshot, useBrowser } from "./browser";

const running = useApp("aduan-e2e-web-");
const { http, staffToken } = apiClient(() => running.app().url);

const { url, pageErrors, open, signIn } = useBrowser(() => running.app().url);

describe("the web app", () => {
  const title = "Jalan berlubang di Sambongrejo";
  let trackingId = "";
  let accessToken = "";
  let citizen: Page;

  it("a citizen files a report with a photo on a phone, once despite a double tap, and keeps the receipt", async () => {
    citizen = await open(PHONE);
    await citizen.goto(url("/"));
    await citizen.getByRole("link", { name: ID.fileReport }).first().click();
    await citizen.getByRole("heading", { name: ID.fileTitle }).waitFor();
    await citizen.getByLabel(ID.titleLabel).fill(title);
    await citizen
      .getByLabel(ID.descriptionLabel)
      .fill("Lubang besar di tengah jalan desa, tiga motor jatuh minggu ini.");
    await citizen.locator("#category option[value='infrastructure.roads']").waitFor({ state: "attached" });
    await citizen.getByLabel(ID.categoryLabel).selectOption("infrastructure.roads");
    await citizen.locator("#agencyId option[value='kab-blora']").waitFor({ state: "attached" });
    await citizen.locator("#agencyId").selectOption("kab-blora");
    await citizen.getByLabel(ID.addressLabel).fill("Jl. Sambongrejo, Blora");
    await citizen.getByLabel(ID.emailLabel, { exact: true }).fill("warga@example.org");
    await citizen.locator("#files").setInputFiles({
      name: "jalan.jpg",
      mimeType: "image/jpeg",
      buffer: jpeg({ blocks: 8, rows: 4, extraSegments: [exifGpsSegment()] }),
    });
    await expectAccessible(citizen, "file page, filled in");
    await screenshot(citizen, "citizen-file-filled-id-phone");
    await citizen.getByRole("heading", { name: ID.fileTitle }).scrollIntoViewIfNeeded();
    await screenshot(citizen, "readme-citizen-file", false); // the README's first picture
    await citizen.getByRole("button", { name: ID.send }).dblclick();

    await citizen.getByRole("heading", { name: ID.receiptTitle }).waitFor();
    trackingId = (await citizen.getByTestId("tracking-id").textContent()) ?? "";
    accessToken = (await citizen.getByTestId("access-token").textContent()) ?? "";
    expect(trackingId).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(accessToken.length).toBeGreaterThan(20);
    await expect.poll(() => citizen.getByText(ID.upload_done).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(citizen, "receipt");
    await screenshot(citizen, "citizen-receipt-id-phone");

    // One report, not two: the double tap sent the form's one Idempotency-Key.
    const blora = await staffToken("agency_admin", "kab-blora");
    const inbox = await http("GET", "/v1/inbox?status=submitted", { token: blora });
    expect(inbox.body.reports.filter((r: { title: string }) => r.title === title)).toHaveLength(1);

    // The receipt e-mail links to this report's page of the web app.
    const receiptMails = async () => {
      const { emails } = (await (await fetch(`${running.app().sesEndpoint}/store`)).json()) as {
        emails: { destination: { to: string[] }; body: { text: string } }[];
      };
      return emails.filter((e) => e.destination.to.includes("warga@example.org"));
    };
    await expect.poll(async () => (await receiptMails()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [mail] = await receiptMails();
    expect(mail?.body.text).toContain(`/lacak/${trackingId}`);
  }, 60_000);

  it("the reporter tracks it in the reporter's view, the photo checked; the token stays in memory only", async () => {
    await citizen.getByRole("link", { name: ID.trackThisReport }).click();
    await citizen.getByRole("heading", { name: title }).waitFor();
    await citizen.getByText(ID.reporterViewNote).waitFor();
    // The check takes a moment: look again by ID (the page still holds the token in memory).
    await expect
      .poll(
        async () => {
          await citizen.getByRole("link", { name: ID.trackReport }).first().click();
          await citizen.getByLabel(ID.trackingId).fill(trackingId);
          await citizen.getByRole("button", { name: ID.track, exact: true }).click();
          await citizen.getByText(ID.reporterViewNote).waitFor();
          return citizen.getByText(`jalan.jpg · ${ID.attachment_clean}`).count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    expect(await citizen.getByText(ID.status_submitted).count()).toBeGreaterThan(0);
    await expectAccessible(citizen, "reporter's view");
    await screenshot(citizen, "citizen-track-reporter-id-phone");
    // Not remembered: a reload forgets the token, and the page shows what anyone may see.
    await citizen.reload();
    await citizen.getByRole("heading", { name: title }).waitFor();
    expect(await citizen.getByText(ID.reporterViewNote).count()).toBe(0);
    expect(
      await citizen.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('aduan.token'))"),
    ).toEqual([]);
  }, 60_000);

  it("Blora's agency admin finds it in the inbox, verifies it and dispatches it to the health office", async () => {
    const admin = await open(DESKTOP);
    await signIn(admin, "agency_admin", "kab-blora");
    await admin.getByRole("link", { name: trackingId }).waitFor();
    await screenshot(admin, "readme-staff-inbox", false); // the README's second picture
    await admin.getByRole("link", { name: trackingId }).click();
    await admin.getByRole("heading", { name: title }).waitFor();
    await expectAccessible(admin, "staff report, submitted");
    await screenshot(admin, "staff-report-submitted-id-desktop");
    await admin.getByLabel(ID.dispatchToLabel).selectOption("blora-dinkes");
    await admin.getByRole("button", { name: ID.action_verify, exact: true }).click();
    await admin.getByText(ID.done_verify).waitFor();
    await admin.getByText(ID.status_dispatched).first().waitFor();
  }, 60_000);

  it("the unit admin drafts a final follow-up and the liaison officer publishes it", async () => {
    const unit = await open(DESKTOP);
    await signIn(unit, "unit_admin", "blora-dinkes");
    await unit.goto(url(`/staf/laporan/${trackingId}`));
    await unit.getByRole("heading", { name: ID.draftFollowUp }).waitFor();
    // A unit admin may not publish: the console does not offer it.
    expect(await unit.getByRole("button", { name: ID.publish, exact: true }).count()).toBe(0);
    await unit.getByLabel(ID.followUpMessage).fill("Lubang sudah ditambal oleh DPU pada 27 November.");
    await unit.getByText(ID.finalFollowUp, { exact: true }).click();
    await unit.getByRole("button", { name: ID.saveDraft }).click();
    await unit.getByText(ID.done_draft).waitFor();

    const liaison = await open(DESKTOP);
    await signIn(liaison, "liaison_officer", "blora-dinkes");
    await liaison.goto(url(`/staf/laporan/${trackingId}`));
    await liaison.getByText("Lubang sudah ditambal oleh DPU pada 27 November.").waitFor();
    // The draft's own button, under the follow-up (the form above would publish a new one).
    await liaison
      .locator(".follow-ups li.draft")
      .getByRole("button", { name: ID.publish, exact: true })
      .click();
    await liaison.getByText(ID.done_publish).waitFor();
    await liaison.getByText(ID.status_in_progress).first().waitFor();
    await expectAccessible(liaison, "staff report, followed up");
    await screenshot(liaison, "staff-report-published-id-desktop");
  }, 60_000);

  it("the reporter accepts the resolution with a rating", async () => {
    await citizen.getByRole("link", { name: ID.trackReport }).first().click();
    await citizen.getByLabel(ID.trackingId).fill(trackingId);
    await citizen.getByLabel(ID.accessTokenOptional).fill(accessToken);
    await citizen.getByRole("button", { name: ID.track, exact: true }).click();
    await citizen.getByText(ID.resolutionProposed).waitFor();
    await expectAccessible(citizen, "resolution proposed");
    await screenshot(citizen, "citizen-resolution-id-phone");
    await citizen.getByText(ID.acceptResolution).click();
    await citizen.getByText(ID.stars.replace("{n}", "4")).click();
    await citizen.getByRole("button", { name: ID.sendAnswer }).click();
    await citizen.getByText(ID.thanksAccepted).waitFor();
    await citizen.getByText(ID.status_resolved).first().waitFor();
    const { body } = await http("GET", `/v1/reports/${trackingId}`, {
      headers: { "x-access-token": accessToken },
    });
    expect(body).toMatchObject({ status: "resolved", rating: 4 });
  }, 60_000);

  it("Blora's dashboard shows the new figures against the passing grade", async () => {
    const admin = await open(DESKTOP);
    await signIn(admin, "agency_admin", "kab-blora");
    await admin.getByRole("link", { name: ID.dashboard }).click();
    const figures = admin.getByTestId("agency-figures");
    // The figures follow the table's stream, a second or so behind.
    await expect
      .poll(
        async () => {
          await admin.reload();
          await figures.waitFor();
          return figures.textContent();
        },
        { timeout: 20_000 },
      )
      .toMatch(new RegExp(`${ID.received}1${ID.followedUp}1%TL100${ID.passed}`));
    // Month by month, from one read of the API: six rows, this month's with the report.
    const byMonth = admin.getByRole("table", { name: ID.byMonth });
    expect(await byMonth.locator("tbody tr").count()).toBe(6);
    expect(await byMonth.locator("tbody tr").last().textContent()).toMatch(/^\d{4}-\d{2}11100/);
    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByRole("button", { name: ID.downloadCsv }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^aduan-kab-blora-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
    expect(readFileSync(await download.path(), "utf8")).toContain("kab-blora");
    await expectAccessible(admin, "dashboard");
    await screenshot(admin, "staff-dashboard-id-desktop");
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("works from the keyboard: the skip link first, then a report filed and tracked without a pointer", async () => {
    const page = await open(DESKTOP, "en-GB");
    await page.goto(url("/lapor"));
    await page.locator("#category option[value='health.medicine']").waitFor({ state: "attached" });
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.textContent")).toBe(en.skipToContent);
    await page.keyboard.press("Enter");
    expect(await page.evaluate("document.activeElement.id")).toBe("main");
    // Tab to the first field of the form, then type everything in with the keyboard alone.
    const focusOn = async (selector: string) => {
      for (let i = 0; i < 30; i++) {
        if (await page.evaluate(`document.activeElement.matches(${JSON.stringify(selector)})`)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await focusOn("#title");
    await page.keyboard.type("Obat kosong di Puskesmas Cepu");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Sejak dua minggu obat hipertensi tidak tersedia di apotek Puskesmas.");
    await focusOn("#category");
    await page.keyboard.type("Obat"); // typing selects the option by its name
    await focusOn("button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: en.receiptTitle }).waitFor();
    const id = (await page.getByTestId("tracking-id").textContent()) ?? "";
    // The receipt's own link, followed by keyboard: focus lands on the new page's content.
    await focusOn(`a[href="/lacak/${id}"]`);
    await page.keyboard.press("Enter");
    await page.getByText(en.reporterViewNote).waitFor();
    expect(await page.evaluate("document.activeElement.id")).toBe("main");
  }, 60_000);

  it("every page in both languages, on a phone and a desktop: accessible, photographed", async () => {
    const pages: { name: string; path: string; staff?: [string, string] }[] = [
      { name: "citizen-home", path: "/" },
      { name: "citizen-file", path: "/lapor" },
      { name: "citizen-track", path: "/lacak" },
      { name: "citizen-report-public", path: `/lacak/${trackingId}` },
      { name: "citizen-public", path: "/publik" },
      { name: "citizen-performance", path: "/kinerja" },
      { name: "staff-sign-in", path: "/staf" },
      { name: "staff-inbox", path: "/staf", staff: ["agency_admin", "kab-blora"] },
      { name: "staff-report", path: `/staf/laporan/${trackingId}`, staff: ["agency_admin", "kab-blora"] },
      { name: "staff-dashboard", path: "/staf/dasbor", staff: ["agency_admin", "kab-blora"] },
    ];
    for (const [lang, locale, words] of [
      ["id", "id-ID", ID],
      ["en", "en-GB", en],
    ] as const)
      for (const [formName, form] of [
        ["phone", PHONE],
        ["desktop", DESKTOP],
      ] as const) {
        const page = await open(form, locale);
        for (const { name, path, staff } of pages) {
          if (staff) {
            await page.goto(url("/staf"));
            await page.locator("main h1").first().waitFor();
            if ((await page.getByRole("button", { name: words.signOut }).count()) === 0) {
              await page.getByLabel(words.roleLabel).selectOption(staff[0]);
              await page.locator("#agencyId").selectOption(staff[1]);
              await page.getByRole("button", { name: words.signIn, exact: true }).click();
              await page.getByRole("button", { name: words.signOut }).waitFor();
            }
          } else if (name === "staff-sign-in") {
            await page.evaluate("sessionStorage.clear()");
          }
          await page.goto(url(path));
          await page.locator("main h1").first().waitFor();
          await page.waitForLoadState("networkidle");
          expect(await page.evaluate("document.documentElement.lang"), `${name} ${lang}`).toBe(lang);
          await expectAccessible(page, `${name} (${lang}, ${formName})`);
          await screenshot(page, `${name}-${lang}-${formName}`);
        }
      }
    expect(pageErrors).toEqual([]);
  }, 240_000);
});

/**
 * The console's sign-in in AWS: Cognito's managed login with the authorization code flow and PKCE.
 * No Cognito here, so the browser's requests to its domain are answered by the test as Cognito
 * answers them — the authorize endpoint redirects back with a code, the token endpoint checks the
 * code, the redirect URI and the verifier against the challenge — and the ID token it hands out is
 * a real one of the local server, which the API verifies. `/config.json` and the page's CSP are
 * what a deployment with that sign-in domain serves (lib/web-security.ts).
 */
describe("staff sign-in through Cognito's managed login (authorization code with PKCE)", () => {
  const DOMAIN = "masuk.aduan.test";
  const CLIENT_ID = "console-client";

  async function cognitoPage() {
    const page = await open(DESKTOP);
    const seen = { authorize: [] as URL[], token: [] as URLSearchParams[] };
    const challenges = new Map<string, string>(); // code → challenge
    await page.route(url("/config.json"), (route) =>
      route.fulfill({ json: { signIn: { kind: "cognito", domain: DOMAIN, clientId: CLIENT_ID } } }),
    );
    // The page as a deployment with this sign-in domain serves it: its CSP lets the page reach it.
    await page.route(
      (target) => target.origin === new URL(url("/")).origin && target.pathname.startsWith("/staf"),
      async (route: Route) => {
        const response = await route.fetch();
        const csp = contentSecurityPolicy({
          uploads: [url("").replace("localhost", "127.0.0.1")],
          signIn: `https://${DOMAIN}`,
        });
        await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
      },
    );
    await page.route(`https://${DOMAIN}/oauth2/authorize?*`, async (route) => {
      const request = new URL(route.request().url());
      seen.authorize.push(request);
      const code = `code-${seen.authorize.length}`;
      challenges.set(code, request.searchParams.get("code_challenge") ?? "");
      const back = new URL(request.searchParams.get("redirect_uri") ?? "");
      back.search = new URLSearchParams({ code, state: request.searchParams.get("state") ?? "" }).toString();
      // The managed login page, once the staff member has signed in, sends the browser back.
      await route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><meta http-equiv="refresh" content="0;url=${back.toString().replace(/&/g, "&amp;")}">`,
      });
    });
    await page.route(`https://${DOMAIN}/oauth2/token`, async (route) => {
      const form = new URLSearchParams(route.request().postData() ?? "");
      seen.token.push(form);
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      const valid =
        form.get("grant_type") === "authorization_code" &&
        form.get("client_id") === CLIENT_ID &&
        form.get("redirect_uri") === url("/staf/masuk") &&
        challenges.get(form.get("code") ?? "") === challenge;
      challenges.delete(form.get("code") ?? ""); // a code is good once
      const cors = { "access-control-allow-origin": new URL(url("/")).origin };
      await route.fulfill(
        valid
          ? {
              headers: cors,
              json: {
                id_token: await staffToken("agency_admin", "kab-blora"),
                token_type: "Bearer",
                expires_in: 3600,
              },
            }
          : { status: 400, headers: cors, json: { error: "invalid_grant" } },
      );
    });
    return { page, seen };
  }

  it("signs in with a fresh verifier and state, trades the code once, and opens the inbox", async () => {
    const { page, seen } = await cognitoPage();
    await page.goto(url("/staf"));
    await page.getByRole("button", { name: ID.signInWithAgencyAccount }).click();
    await page.getByRole("button", { name: ID.signOut }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/staf");

    const [authorize] = seen.authorize;
    expect(Object.fromEntries(authorize?.searchParams ?? [])).toMatchObject({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: url("/staf/masuk"),
      code_challenge_method: "S256",
    });
    expect(authorize?.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(authorize?.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seen.token).toHaveLength(1); // the code traded once, with the verifier that matches
    expect(seen.token[0]?.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Signed in with the ID token: the API answers the inbox, and nothing is left of the verifier.
    await page.getByRole("heading", { name: /^Kotak masuk/ }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('aduan.staff.pkce')")).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it("refuses a return whose state is not the one it sent, and stays signed out", async () => {
    const { page, seen } = await cognitoPage();
    await page.goto(url("/staf"));
    await page.getByRole("button", { name: ID.signInWithAgencyAccount }).waitFor();
    await page.goto(url("/staf/masuk?code=code-forged&state=not-the-one-sent"));
    await page.getByRole("alert").getByText(ID.signInFailed).waitFor();
    expect(seen.token).toHaveLength(0);
    expect(await page.getByRole("button", { name: ID.signOut }).count()).toBe(0);
    expect(await page.evaluate("sessionStorage.getItem('aduan.staff.token')")).toBeNull();
  });
});
