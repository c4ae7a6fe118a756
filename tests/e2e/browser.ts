/**
 * A real browser for the web app's tests: Debian's Chromium driven by playwright-core (no browser
 * download: CHROMIUM_PATH or /usr/bin/chromium), axe-core for accessibility, screenshots written to
 * the git-ignored `.screenshots/` folder.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { repoPath } from "../../lib/paths";
import { id as ID } from "../../web/src/messages/id";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = repoPath(".screenshots");

export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;
export const DESKTOP = { viewport: { width: 1280, height: 900 } } as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // Root in a container has no user namespace for Chromium's sandbox.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox"] });
}

/** A browser context in `locale` (the app follows the browser's language), phone or desktop. */
export async function newContext(
  browser: Browser,
  form: typeof PHONE | typeof DESKTOP,
  locale: "id-ID" | "en-GB" = "id-ID",
): Promise<BrowserContext> {
  return browser.newContext({ ...form, locale });
}

/** Collects the page's errors from now on into `errors`: exceptions in the app and anything its CSP refused. */
export function failOnPageErrors(page: Page, errors: string[] = []): string[] {
  page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      errors.push(`${page.url()}: ${message.text()}`);
  });
  return errors;
}

const axeCode = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Through DevTools, not a <script>: the page's CSP (as in production) would refuse an inline one.
  await page.evaluate(axeCode);
  // A string, run in the page (this file is type-checked without the DOM's types).
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
    })))`)) as { id: string; impact: string; help: string; targets: string[] }[];
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
}

/** Writes a screenshot `.screenshots/<name>.png`: the whole page, or what the screen shows. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/**
 * A browser for one test file against the app at `appUrl()`: `open()` a page in a fresh context
 * (phone or desktop, a language), `signIn()` with the local demo sign-in, and every page error or CSP
 * violation collected in `pageErrors`. A failed test leaves a picture of every open page
 * (`.screenshots/failed-…`); everything is closed after the file.
 */
export function useBrowser(appUrl: () => string) {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return;
    let n = 0;
    for (const browserContext of contexts)
      for (const page of browserContext.pages())
        await screenshot(page, `failed-${context.task.name.slice(0, 40)}-${n++}`).catch(() => undefined);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });
  const url = (path: string) => `${appUrl()}${path}`;
  return {
    url,
    pageErrors,
    async open(form: typeof PHONE | typeof DESKTOP, locale: "id-ID" | "en-GB" = "id-ID"): Promise<Page> {
      if (!browser) throw new Error("the browser runs only inside the file's tests");
      const context = await newContext(browser, form, locale);
      contexts.push(context);
      const page = await context.newPage();
      // Into the file's list as they happen (a copy made now would stay empty).
      failOnPageErrors(page, pageErrors);
      return page;
    },
    /** The demo sign-in (locally only): pick the role and the agency, wait for the console. */
    async signIn(page: Page, role: string, agencyId: string): Promise<void> {
      await page.goto(url("/staf"));
      await page.getByLabel(ID.roleLabel).selectOption(role);
      await page.locator("#agencyId").selectOption(agencyId);
      await page.getByRole("button", { name: ID.signIn, exact: true }).click();
      await page.getByRole("button", { name: ID.signOut }).waitFor();
    },
  };
}
