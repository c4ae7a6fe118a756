/**
 * The HTTP functions by audience: every route belongs to exactly one function, each function's
 * dispatcher serves exactly the manifest's routes of that function with their own modules, and no
 * function mixes anonymous and staff routes.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FUNCTION_GROUPS, type FunctionGroup, ROUTES } from "../../../functions/manifests/routes";

const groups = Object.keys(FUNCTION_GROUPS) as FunctionGroup[];

describe("function groups", () => {
  it("put every route module in exactly one function, and every module exists", () => {
    const modules = groups.flatMap((g) => [...FUNCTION_GROUPS[g]]);
    expect(new Set(modules).size).toBe(modules.length);
    for (const module of modules)
      expect(existsSync(new URL(`../../../functions/http/${module}.ts`, import.meta.url)), module).toBe(true);
    for (const route of ROUTES) expect(groups, `${route.method} ${route.path}`).toContain(route.handler);
  });

  it.each(groups)("%s's dispatcher serves exactly its routes, each with its own module", async (group) => {
    const { ROUTE_TABLE, handler } = (await import(`../../../functions/http/${group}.ts`)) as {
      ROUTE_TABLE: Record<string, unknown>;
      handler: unknown;
    };
    expect(typeof handler).toBe("function");
    const routes = ROUTES.filter((route) => route.handler === group);
    expect(Object.keys(ROUTE_TABLE).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) {
      const own = (await import(`../../../functions/http/${route.module}.ts`)) as { handler: unknown };
      expect(ROUTE_TABLE[`${route.method} ${route.path}`], route.path).toBe(own.handler);
    }
    expect(new Set(routes.map((route) => route.auth)).size).toBe(1);
  });
});
