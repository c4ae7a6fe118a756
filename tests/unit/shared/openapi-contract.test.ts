import { describe, expect, it } from "vitest";
import { EXAMPLE_TRACKING_ID, parseTrackingId } from "../../../functions/domain/tracking-id";
import { buildOpenApiDocument } from "../../../functions/shared/openapi";
import { contractProblems } from "../../setup/openapi-contract";

const error = (code: string) => ({ error: code, message: "m", details: [], requestId: "r" });
const base = { headers: {}, contentType: "application/json" };

describe("the contract check", () => {
  it("accepts declared answers, the gateway's own bodies and the $default route's", () => {
    expect(
      contractProblems({
        ...base,
        method: "GET",
        path: "/v1/inbox",
        status: 401,
        body: { message: "Unauthorized" },
      }),
    ).toEqual([]);
    expect(
      contractProblems({
        ...base,
        method: "POST",
        path: "/v1/reports",
        status: 415,
        body: error("unsupported_media_type"),
      }),
    ).toEqual([]);
    expect(
      contractProblems({
        ...base,
        method: "GET",
        path: "/v2/x",
        status: 404,
        body: error("route_not_found"),
      }),
    ).toEqual([]);
    expect(
      contractProblems({
        ...base,
        method: "DELETE",
        path: "/v1/inbox",
        status: 405,
        headers: { allow: "GET" },
        body: error("method_not_allowed"),
      }),
    ).toEqual([]);
  });

  it("refuses an undeclared status, a body off its schema, and a bare 405", () => {
    expect(
      contractProblems({ ...base, method: "GET", path: "/v1/categories", status: 409, body: error("x") }),
    ).toHaveLength(1);
    expect(
      contractProblems({
        ...base,
        method: "GET",
        path: "/v1/agencies",
        status: 200,
        body: { agencies: [{ id: 1 }] },
      }),
    ).toHaveLength(1);
    expect(
      contractProblems({
        ...base,
        method: "DELETE",
        path: "/v1/inbox",
        status: 405,
        body: error("method_not_allowed"),
      }),
    ).toHaveLength(1);
    expect(
      contractProblems({
        ...base,
        method: "GET",
        path: "/v2/x",
        status: 404,
        body: { message: "Not Found" },
      }),
    ).toHaveLength(1);
  });
});

describe("the OpenAPI document", () => {
  it("declares 403, 413, 415, 503 and 504 where routes can answer them", () => {
    const doc = buildOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const submit = doc.paths["/v1/reports"]?.post?.responses ?? {};
    expect(Object.keys(submit)).toEqual(
      expect.arrayContaining(["201", "400", "409", "413", "415", "429", "500", "503", "504"]),
    );
    const verify = doc.paths["/v1/reports/{trackingId}/verify"]?.post?.responses ?? {};
    expect(Object.keys(verify)).toEqual(
      expect.arrayContaining(["401", "403", "404", "409", "413", "415", "503", "504"]),
    );
  });

  it("shows an example tracking ID that passes its own check character", () => {
    expect(parseTrackingId(EXAMPLE_TRACKING_ID)).toBe(EXAMPLE_TRACKING_ID);
    expect(JSON.stringify(buildOpenApiDocument())).toContain(EXAMPLE_TRACKING_ID);
    expect(JSON.stringify(buildOpenApiDocument())).not.toContain("7KQ4M-9TXRB");
  });
});
