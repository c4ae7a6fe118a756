/**
 * The OpenAPI builder on its own: named schemas become components once, request parts are read as
 * zod reads them (a default makes a field optional) and responses as handlers write them, only a
 * strict object refuses unknown keys, and a name given to two different schemas is an error.
 */
import { describe, expect, it } from "vitest";
import * as z from "../../../functions/domain/zod";
import { OpenApiBuilder } from "../../../functions/shared/openapi-builder";

const Thing = z
  .object({
    id: z.string().check(z.meta({ description: "The thing's id" })),
    size: z._default(z.int(), 1),
    seenAt: z.optional(z.iso.datetime()),
  })
  .register(z.globalRegistry, { id: "BuilderThing" });
const Tag = z.object({ label: z.string() }).register(z.globalRegistry, { id: "BuilderTag" });
const StrictRequest = z.strictObject({ name: z.string().check(z.maxLength(20)), tag: Tag });

function documentWith(configure: (builder: OpenApiBuilder) => void) {
  const builder = new OpenApiBuilder();
  configure(builder);
  return builder.document({ info: { title: "t", version: "1" } });
}

describe("OpenApiBuilder", () => {
  it("references a named schema as a component; reads requests as zod reads them, responses as written", () => {
    const doc = documentWith((b) =>
      b.operation({
        method: "post",
        path: "/things/{id}",
        operationId: "makeThing",
        summary: "Make a thing",
        request: {
          params: z.object({ id: z.string() }),
          query: z.object({ dry: z.optional(z.enum(["yes", "no"])) }),
          body: { content: { "application/json": { schema: StrictRequest } } },
        },
        responses: { 201: { description: "Made", content: { "application/json": { schema: Thing } } } },
      }),
    );
    const operation = doc.paths["/things/{id}"]?.post;
    expect(operation?.parameters).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" } },
      { name: "dry", in: "query", required: false, schema: { type: "string", enum: ["yes", "no"] } },
    ]);
    const body = operation?.requestBody.content["application/json"].schema;
    expect(body).toMatchObject({ additionalProperties: false, required: ["name", "tag"] });
    expect(body.properties.tag).toEqual({ $ref: "#/components/schemas/BuilderTag" });
    expect(doc.components.schemas.BuilderTag).toEqual({
      type: "object",
      properties: { label: { type: "string" } },
      required: ["label"],
    });
    expect(operation?.responses[201].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/BuilderThing",
    });
    // Not strict: open to additions; the default's field is required of the output. Its integer and
    // date-time say what they are without zod's safe-integer bounds and pattern.
    expect(doc.components.schemas.BuilderThing).toEqual({
      type: "object",
      properties: {
        id: { type: "string", description: "The thing's id" },
        size: { type: "integer", default: 1 },
        seenAt: { type: "string", format: "date-time" },
      },
      required: ["id", "size"],
    });
  });

  it("refuses a named schema whose input and output differ (a default) on both sides of the API", () => {
    expect(() =>
      documentWith((b) =>
        b.operation({
          method: "put",
          path: "/thing",
          operationId: "putThing",
          summary: "Replace a thing",
          request: { body: { content: { "application/json": { schema: Thing } } } },
          responses: { 200: { description: "Replaced", content: { "application/json": { schema: Thing } } } },
        }),
      ),
    ).toThrow(/Component BuilderThing differs between uses/);
  });

  it("refuses one name for two different schemas", () => {
    const Other = z.object({ other: z.boolean() }).register(z.globalRegistry, { id: "BuilderThing2" });
    const Clash = z.object({ clash: z.string() }).register(z.globalRegistry, { id: "BuilderThing2" });
    expect(() =>
      documentWith((b) => {
        for (const [i, schema] of [Other, Clash].entries())
          b.operation({
            method: "get",
            path: `/x${i}`,
            operationId: `x${i}`,
            summary: "x",
            responses: { 200: { description: "x", content: { "application/json": { schema } } } },
          });
      }),
    ).toThrow(/Component BuilderThing2 differs/);
  });

  it("refuses the same operation twice", () => {
    const op = {
      method: "get",
      path: "/y",
      operationId: "y",
      summary: "y",
      responses: { 200: { description: "y" } },
    } as const;
    expect(() =>
      documentWith((b) => {
        b.operation(op);
        b.operation(op);
      }),
    ).toThrow(/declared twice/);
  });
});
