/**
 * Words a person reads, in Indonesian (the default everywhere) and English (PRODUCT.md §6). A
 * `Text` carries both; whoever answers picks one by the reader's locale (Accept-Language for the
 * API). Stable codes (`error`, statuses, field names) never change with the language.
 */
export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "id";

export interface Text {
  readonly id: string;
  readonly en: string;
}

export const text = (id: string, en: string): Text => ({ id, en });

/**
 * The reader's language from an Accept-Language header: the first supported tag by quality
 * (`en-US;q=0.9, id;q=0.8` → en), Indonesian when none is supported or the header is absent.
 */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return {
        language: tag.trim().toLowerCase().split("-")[0] ?? "",
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { language } of ranked) {
    if ((LOCALES as readonly string[]).includes(language)) return language as Locale;
    if (language === "in") return "id"; // the old code for Indonesian
  }
  return DEFAULT_LOCALE;
}
