import { describe, expect, it } from "vitest";
import { ROUTES } from "../../../functions/manifests/routes";
import { buildOpenApiDocument } from "../../../functions/shared/openapi";

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("is OpenAPI 3.1 and documents every /v1 route of the manifest", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const route of ROUTES.filter((r) => r.path.startsWith("/v1/"))) {
      const operation = document.paths?.[route.path]?.[route.method.toLowerCase() as "get"];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
    }
  });

  it("derives the request body from the validating schema, with limits", () => {
    const schema = document.components?.schemas?.SubmitReportRequest as {
      required: string[];
      properties: Record<string, { maxLength?: number }>;
      additionalProperties?: boolean;
    };
    expect(schema.required).toEqual(expect.arrayContaining(["kind", "title", "description", "category"]));
    expect(schema.properties.title?.maxLength).toBe(200);
    expect(schema.additionalProperties).toBe(false);
  });

  it("documents the error shape and no local-only helper", () => {
    expect(Object.keys(document.components?.schemas?.Error as object)).toContain("properties");
    expect(Object.keys(document.paths ?? {}).some((p) => p.startsWith("/_local"))).toBe(false);
  });
});
