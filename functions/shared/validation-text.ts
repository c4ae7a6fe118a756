/**
 * Validation messages in both languages. zod's own messages come from its English and Indonesian
 * locales; the schemas' own messages (api-schemas.ts) are declared with `said(id, en)`, which
 * remembers the Indonesian for the English the schema carries.
 */
import type * as z from "zod/mini";
// Only the Indonesian locale: `z.locales` would bundle every language zod ships (~270 KB).
import indonesianLocale from "zod/v4/locales/id.js";
import { type Text, text } from "../domain/text";

const indonesianFor = new Map<string, string>();
const indonesian = indonesianLocale();

/** A schema's own message: returns the English (what zod reports), remembering the Indonesian. */
export function said(id: string, en: string): string {
  indonesianFor.set(en, id);
  return en;
}

type Issue = z.core.$ZodIssue;

/** One zod issue as a sentence fragment in both languages. */
export function issueText(issue: Issue): Text {
  const known = indonesianFor.get(issue.message);
  if (known !== undefined) return text(known, issue.message);
  const translated = indonesian.localeError(issue as Parameters<typeof indonesian.localeError>[0]);
  const id = typeof translated === "string" ? translated : (translated?.message ?? issue.message);
  return text(id, issue.message);
}
