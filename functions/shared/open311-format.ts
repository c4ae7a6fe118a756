/**
 * Open311's two wire formats: JSON as the specification's arrays, XML with an `encoding="utf-8"`
 * declaration and no namespaces, each list an element of elements (`<services><service>…`), and
 * errors as `[{code, description}]` / `<errors><error>…`. Written here by hand (a few lines; no XML
 * library in the Lambda bundle): element names are fixed by the spec, text is escaped.
 */
import type { Open311Format } from "../domain/open311";
import type { HttpResponse } from "./http";

/** JSON-like data: scalars, arrays and plain objects of them. */
type Value = unknown;

/** XML 1.0 cannot carry C0 control characters other than tab, line feed and carriage return. */
function isXmlChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function escapeXml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join("")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** An element; an array value repeats its child `item` element (`formats` → `<format>` …). */
function element(name: string, value: Value, items: Readonly<Record<string, string>>): string {
  if (value === undefined || value === null || value === "") return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = items[name] ?? "item";
    return `<${name}>${value.map((v) => element(child, v, items)).join("")}</${name}>`;
  }
  if (typeof value === "object")
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v, items))
      .join("")}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The element name of a list's members, by the list's name (the spec's pairs). */
const ITEMS: Readonly<Record<string, string>> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  endpoints: "endpoint",
  formats: "format",
  attributes: "attribute",
  values: "value",
};

const CONTENT_TYPES: Record<Open311Format, string> = {
  json: "application/json; charset=utf-8",
  xml: "text/xml; charset=utf-8",
};

/**
 * A response in the asked format: `root` names the XML document element (a list's name, or
 * `discovery` / `service_definition` for an object); JSON is the value itself.
 */
export function open311Response(
  status: number,
  format: Open311Format,
  root: string,
  value: Value,
  requestId: string,
): HttpResponse {
  const body =
    format === "json"
      ? JSON.stringify(value)
      : `<?xml version="1.0" encoding="utf-8"?>${element(root, value, ITEMS)}`;
  return {
    statusCode: status,
    headers: {
      "content-type": CONTENT_TYPES[format],
      "cache-control": "no-store",
      "x-request-id": requestId,
    },
    body,
  };
}

/** An Open311 error answer: 400, 403 or 404 with `[{code, description}]`. */
export function open311Error(status: number, format: Open311Format, description: string, requestId: string) {
  return open311Response(status, format, "errors", [{ code: status, description }], requestId);
}
