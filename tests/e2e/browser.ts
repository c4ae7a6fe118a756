/**
 * A real browser for the web app's tests: Debian's Chromium driven by playwright-core (no browser
 * download: CHROMIUM_PATH or /usr/bin/chromium), axe-core for accessibility, screenshots written to
 * the git-ignored `.screenshots/` folder.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { repoRoot } from "./app-process";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(repoRoot, ".screenshots");

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

/** Collects the page's errors from now on: exceptions in the app and anything its CSP refused. */
export function failOnPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
      errors.push(message.text());
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
