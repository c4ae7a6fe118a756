/**
 * CSV as spreadsheets read it (RFC 4180): CRLF line ends, fields quoted when they hold a comma, a
 * quote, a line break or surrounding spaces, quotes doubled; UTF-8 with a byte-order mark, which is
 * what makes Excel read Indonesian names correctly. A text field a spreadsheet would run as a
 * formula (=, +, -, @ first) gets a leading apostrophe (OWASP's CSV-injection advice).
 */
export type CsvValue = string | number | boolean | null | undefined;

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
const BOM = "\uFEFF";

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** A whole document: the header row, then one line per row. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return BOM + csvLine(header) + rows.map(csvLine).join("");
}

export { BOM as CSV_BOM };
