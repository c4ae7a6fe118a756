import { Logger } from "@aws-lambda-powertools/logger";

/**
 * One structured logger for every function (level from POWERTOOLS_LOG_LEVEL, default INFO), with
 * the invocation's context and a correlation id added by the handler wrappers (http.ts,
 * observability.ts).
 *
 * No reporter contact is ever logged (PRODUCT.md §2): nothing logs a request body or a report, and
 * as a second line of defence every string a log line carries — messages, attributes, errors from
 * AWS that may quote an address — passes through `scrub`, which masks e-mail addresses and phone
 * numbers, and any attribute named like a contact field is dropped whole.
 */
export const logger = new Logger({
  serviceName: "aduan",
  jsonReplacerFn: (key: string, value: unknown) => {
    if (CONTACT_KEYS.has(key.toLowerCase())) return "[redacted]";
    return typeof value === "string" ? scrub(value) : value;
  },
});

const CONTACT_KEYS = new Set(["email", "phone", "reporter", "contact", "contacts", "emails", "to", "name"]);

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;
// Indonesian mobile numbers (08…, 628…, +62 8…) and any international number with 8+ digits.
const PHONE = /(?<![\w.-])(?:\+\d(?:[\s.-]?\d){7,14}|(?:62|0)8\d(?:[\s.-]?\d){6,11})(?![\w.-])/g;

/** Masks e-mail addresses and phone numbers in free text. */
export function scrub(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PHONE, "[phone]");
}
