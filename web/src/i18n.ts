/**
 * Every string a person reads, in Indonesian (the default) and English. The language follows the
 * browser until the reader picks one with the switch; the choice is kept on this device.
 */
import { changes } from "./changes";
import { en } from "./messages/en";
import { id, type Messages } from "./messages/id";

export type Lang = "id" | "en";
export type MessageKey = keyof Messages;

const CATALOGUES: Record<Lang, Messages> = { id, en };
const STORAGE_KEY = "aduan.lang";

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "id" || saved === "en") return saved;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? "id";
  return preferred.toLowerCase().startsWith("en") ? "en" : "id";
}

let lang: Lang = initialLang();
const language = changes();
document.documentElement.lang = lang;

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  language.changed();
}

/** Re-renders the caller when the language changes; returns it. */
export function useLang(): Lang {
  language.useChanges();
  return lang;
}

/** The message `key` in the current language, `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name] ?? `{${name}}`),
  );
}

/** Dates and times as people here read them (the deployment's zone: WIB). */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "id-ID", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Jakarta",
  }).format(new Date(iso));
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return "–";
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: digits }).format(
    value,
  );
}
