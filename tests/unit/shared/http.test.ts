import { describe, expect, it } from "vitest";
import { DomainError, detail } from "../../../functions/domain/errors";
import { text } from "../../../functions/domain/text";
import * as z from "../../../functions/domain/zod";
import { httpHandler, json, readJsonBody, validate } from "../../../functions/shared/http";
import { domainErrorOf } from "../../fixtures/errors";
import { httpEvent, lambdaContext } from "../../fixtures/http-events";

const Body = z.strictObject({ name: z.string().check(z.minLength(2)), nested: z.object({ n: z.number() }) });

describe("readJsonBody", () => {
  it("parses JSON, including base64-encoded bodies", () => {
    expect(readJsonBody(httpEvent({ body: '{"a":1}' }))).toEqual({ a: 1 });
    expect(
      readJsonBody(httpEvent({ body: Buffer.from('{"a":2}').toString("base64"), isBase64Encoded: true })),
    ).toEqual({ a: 2 });
  });

  it("answers 400 invalid_json, 400 for empty, 413 when too large, and refuses non-JSON content", () => {
    expect(domainErrorOf(() => readJsonBody(httpEvent({ body: "{nope" }))).code).toBe("invalid_json");
    expect(domainErrorOf(() => readJsonBody(httpEvent({ body: "" }))).code).toBe("invalid_input");
    expect(
      domainErrorOf(() => readJsonBody(httpEvent({ body: "x".repeat(101) }), { maxBytes: 100 })).kind,
    ).toBe("too_large");
    const form = httpEvent({ body: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(domainErrorOf(() => readJsonBody(form)).code).toBe("unsupported_media_type");
    const ld = httpEvent({ body: "{}", headers: { "content-type": "application/ld+json; charset=utf-8" } });
    expect(readJsonBody(ld)).toEqual({});
  });
});

describe("validate", () => {
  it("names every offending field with its dotted path", () => {
    const error = domainErrorOf(() => validate(Body, { name: "x", nested: { n: "1" }, extra: true }));
    expect(error.kind).toBe("invalid");
    expect(error.details.map((d) => d.field).sort()).toEqual(["extra", "name", "nested.n"]);
    expect(error.details.find((d) => d.field === "extra")?.message.en).toBe("unknown field or parameter");
  });
});

describe("httpHandler error mapping", () => {
  it("turns domain errors into the PRODUCT.md §6 shape with the right status", async () => {
    const handler = httpHandler(async () => {
      throw new DomainError(
        "conflict",
        "invalid_transition",
        text("Laporan sudah selesai", "Report is resolved"),
        [detail("status", "y", "x")],
      );
    });
    const response = await handler(httpEvent(), lambdaContext);
    expect(response.statusCode).toBe(409);
    // Indonesian unless the reader prefers English; the code is the same in both.
    expect(JSON.parse(String(response.body))).toEqual({
      error: "invalid_transition",
      message: "Laporan sudah selesai",
      details: [{ field: "status", message: "y" }],
      requestId: "req-test-1",
    });
    const english = await handler(
      httpEvent({ headers: { "Accept-Language": "en-GB,en;q=0.9,id;q=0.5" } }),
      lambdaContext,
    );
    expect(JSON.parse(String(english.body))).toMatchObject({
      error: "invalid_transition",
      message: "Report is resolved",
      details: [{ field: "status", message: "x" }],
    });
  });

  it("never leaks an unexpected error's internals", async () => {
    const handler = httpHandler(async () => {
      throw new Error("ECONNREFUSED 10.0.0.7:8000 table aduan-prod secret=abc");
    });
    const response = await handler(httpEvent(), lambdaContext);
    expect(response.statusCode).toBe(500);
    const body = JSON.parse(String(response.body));
    expect(body).toMatchObject({ error: "internal_error", details: [], requestId: "req-test-1" });
    expect(String(response.body)).not.toMatch(/ECONNREFUSED|aduan-prod|secret/);
  });

  it("passes successful responses through", async () => {
    const handler = httpHandler(async () => json(201, { ok: true }));
    const response = await handler(httpEvent(), lambdaContext);
    expect(response).toMatchObject({ statusCode: 201, body: '{"ok":true}' });
  });
});

describe("answers for a struggling store and a handler out of time", () => {
  const failWith = (error: Error) =>
    httpHandler(async () => {
      throw error;
    });

  it.each([
    ["throttled", Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" })],
    ["over capacity", Object.assign(new Error("x"), { name: "ProvisionedThroughputExceededException" })],
    [
      "unreachable",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" }),
    ],
    ["timed out", Object.assign(new Error("socket timed out"), { name: "TimeoutError" })],
    [
      "a transaction cancelled by throttling",
      Object.assign(new Error("cancelled"), {
        name: "TransactionCanceledException",
        CancellationReasons: [{ Code: "None" }, { Code: "ThrottlingError" }],
      }),
    ],
  ])("%s is 503 service_unavailable with Retry-After", async (_, error) => {
    const response = await failWith(error)(httpEvent(), lambdaContext);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.["retry-after"]).toBe("2");
    const body = JSON.parse(String(response.body));
    expect(body).toMatchObject({ error: "service_unavailable", details: [], requestId: "req-test-1" });
    expect(body.message).not.toContain("127.0.0.1");
  });

  it("a transaction cancelled by a condition stays a 500 (a bug, not a busy store)", async () => {
    const error = Object.assign(new Error("cancelled"), {
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "ConditionalCheckFailed" }],
    });
    expect((await failWith(error)(httpEvent(), lambdaContext)).statusCode).toBe(500);
  });

  it("a handler with less than a second left answers 504 timeout itself", async () => {
    const slow = httpHandler(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      return json(200, {});
    });
    const context = { ...lambdaContext, getRemainingTimeInMillis: () => 1_050 };
    const response = await slow(httpEvent(), context);
    expect(response.statusCode).toBe(504);
    expect(JSON.parse(String(response.body))).toMatchObject({ error: "timeout", requestId: "req-test-1" });
  });
});
