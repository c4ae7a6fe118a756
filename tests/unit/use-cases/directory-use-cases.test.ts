import { describe, expect, it } from "vitest";
import { createAgency } from "../../../functions/use-cases/create-agency";
import { listAgencies } from "../../../functions/use-cases/list-agencies";
import { listCategories } from "../../../functions/use-cases/list-categories";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { bloraAdmin, national } from "../../fixtures/journey";

describe("createAgency", () => {
  it("adds a unit under its agency; a taken id is 409, a non-national admin 403, a broken tree 400", async () => {
    const ports = memoryPorts();
    const unit = {
      id: "blora-dlh",
      name: "Dinas Lingkungan Hidup Blora",
      level: "unit" as const,
      parentId: "kab-blora",
    };
    expect(await createAgency(ports, national, unit)).toEqual(unit);
    expect((await domainRejectionOf(createAgency(ports, national, unit))).code).toBe("agency_exists");
    expect((await domainRejectionOf(createAgency(ports, bloraAdmin, { ...unit, id: "x-y" }))).kind).toBe(
      "forbidden",
    );
    expect(
      (await domainRejectionOf(createAgency(ports, national, { ...unit, id: "orphan", parentId: "nowhere" })))
        .code,
    ).toBe("invalid_directory");
  });
});

describe("listAgencies and listCategories", () => {
  it("give the agency list in tree order and the category tree", async () => {
    const ports = memoryPorts();
    const agencies = await listAgencies(ports);
    expect(agencies[0]?.id).toBe("nasional");
    const ids = agencies.map((a) => a.id);
    expect(ids.indexOf("kab-blora")).toBeLessThan(ids.indexOf("blora-dinkes"));
    const tree = await listCategories(ports);
    expect(tree.find((c) => c.code === "infrastructure")?.children.map((c) => c.code)).toContain(
      "infrastructure.roads",
    );
  });
});
