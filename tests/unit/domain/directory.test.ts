import { describe, expect, it } from "vitest";
import { Directory, validateDirectory } from "../../../functions/domain/directory";
import { demoDirectoryData } from "../../fixtures/in-memory";

describe("the demo directory", () => {
  it("is valid and rooted at the national admin", () => {
    expect(validateDirectory(demoDirectoryData)).toEqual([]);
    expect(new Directory(demoDirectoryData).root().id).toBe("nasional");
  });

  it("knows ancestry and subtrees", () => {
    const directory = new Directory(demoDirectoryData);
    expect(directory.ancestry("blora-rsud")).toEqual([
      "nasional",
      "prov-jateng",
      "kab-blora",
      "blora-dinkes",
      "blora-rsud",
    ]);
    expect(directory.isWithin("blora-dinkes", "kab-blora")).toBe(true);
    expect(directory.isWithin("medan-dinkes", "kab-blora")).toBe(false);
  });

  it("builds a category tree with every code once", () => {
    const tree = new Directory(demoDirectoryData).categoryTree();
    const codes = tree.flatMap((node) => [node.code, ...node.children.map((c) => c.code)]);
    expect(codes.sort()).toEqual(demoDirectoryData.categories.map((c) => c.code).sort());
    expect(tree.every((node) => node.children.length > 0)).toBe(true);
  });
});

describe("validateDirectory", () => {
  const root = { id: "n", name: "N", level: "national" as const, parentId: null };

  it("reports missing parents, cycles, duplicate ids and several roots", () => {
    const problems = validateDirectory({
      agencies: [
        root,
        { id: "a", name: "A", level: "unit", parentId: "b" },
        { id: "b", name: "B", level: "unit", parentId: "a" },
        { id: "c", name: "C", level: "unit", parentId: "missing" },
        { id: "c", name: "C2", level: "unit", parentId: "n" },
      ],
      categories: [{ code: "x", name: "X", parentCode: "y" }],
    });
    const messages = problems.map((p) => p.message.en).join("\n");
    expect(messages).toMatch(/a is part of a cycle/);
    expect(messages).toMatch(/parent missing of c does not exist/);
    expect(messages).toMatch(/duplicate agency id c/);
    expect(messages).toMatch(/parent y of x does not exist/);
  });

  it("refuses trees deeper than the inbox indexes cover", () => {
    const chain = Array.from({ length: 6 }, (_, i) => ({
      id: `l${i + 1}`,
      name: `L${i + 1}`,
      level: "unit" as const,
      parentId: i === 0 ? "n" : `l${i}`,
    }));
    const problems = validateDirectory({ agencies: [root, ...chain], categories: [] });
    expect(problems.some((p) => p.message.en.includes("deeper"))).toBe(true);
  });
});
