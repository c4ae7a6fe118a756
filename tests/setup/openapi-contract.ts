/**
 * The contract check (issue 7): every response the integration and end-to-end suites receive is
 * held to the OpenAPI document the API serves — the status must be declared for the operation and
 * a JSON body must match its schema. A path no route serves must be the `$default` route's 404
 * `route_not_found`, a wrong method its 405 with `Allow`. Violations are collected and the suite's
 * own test fails on the first one, naming the request.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../../functions/shared/openapi";

type Doc = ReturnType<typeof buildOpenApiDocument>;
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document walked generically
type Json = any;

const DOC_ID = "https://aduan.local/openapi.json";
let compiled:
  | { doc: Doc; ajv: InstanceType<typeof Ajv2020>; templates: { path: string; regex: RegExp }[] }
  | undefined;

function contract() {
  if (compiled) return compiled;
  const doc = buildOpenApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: rewriteRefs(doc.components) });
  const templates = Object.keys(doc.paths ?? {}).map((path) => ({
    path,
    regex: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  compiled = { doc, ajv, templates };
  return compiled;
}

/** `#/components/...` refs point into the document registered under DOC_ID. */
function rewriteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof inner === "string" && inner.startsWith("#/")
        ? `${DOC_ID}${inner}`
        : rewriteRefs(inner);
  }
  return out;
}

const validators = new Map<string, (data: unknown) => boolean>();

function validatorFor(key: string, schema: Json) {
  let validate = validators.get(key);
  if (!validate) {
    const { ajv } = contract();
    const fn = ajv.compile(rewriteRefs(schema));
    validate = (data: unknown) => {
      const ok = fn(data) as boolean;
      if (!ok) lastErrors = ajv.errorsText(fn.errors);
      return ok;
    };
    validators.set(key, validate);
  }
  return validate;
}
let lastErrors = "";

export interface ObservedResponse {
  readonly method: string;
  /** The request path without the query string. */
  readonly path: string;
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly contentType?: string;
  readonly body: unknown;
}

/** The problems of one response against the document; [] when it conforms. */
export function contractProblems(response: ObservedResponse): string[] {
  const { doc, templates } = contract();
  const where = `${response.method} ${response.path} → ${response.status}`;
  const template = templates.find((t) => t.regex.test(response.path));
  const errorShape = validatorFor("Error", { $ref: "#/components/schemas/Error" });
  if (!template) {
    if (
      response.status === 404 &&
      errorShape(response.body) &&
      (response.body as Json).error === "route_not_found"
    )
      return [];
    return [`${where}: no documented path, and not the $default route's 404 route_not_found`];
  }
  const item: Json = (doc.paths as Json)[template.path];
  const operation = item[response.method.toLowerCase()];
  if (!operation) {
    const allow = response.headers.allow ?? "";
    if (response.status === 405 && errorShape(response.body) && allow.length > 0) return [];
    return [`${where}: method not documented for ${template.path}, and not a 405 with Allow`];
  }
  const declared = operation.responses?.[String(response.status)];
  if (!declared)
    return [`${where}: status ${response.status} is not declared for ${response.method} ${template.path}`];
  const media = (response.contentType ?? "").split(";")[0]?.trim() ?? "";
  const schema = declared.content?.[media]?.schema;
  if (!schema) {
    if (declared.content && media !== "" && !declared.content[media]) {
      return [
        `${where}: content type ${media} is not declared (${Object.keys(declared.content).join(", ")})`,
      ];
    }
    return [];
  }
  if (media !== "application/json") return [];
  const validate = validatorFor(`${response.method} ${template.path} ${response.status}`, schema);
  return validate(response.body) ? [] : [`${where}: body does not match the schema: ${lastErrors}`];
}

/** Throws naming every problem: use where a test receives a response. */
export function assertContract(response: ObservedResponse): void {
  const problems = contractProblems(response);
  if (problems.length > 0) throw new Error(`OpenAPI contract: ${problems.join("; ")}`);
}
