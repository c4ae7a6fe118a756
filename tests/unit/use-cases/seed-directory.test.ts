import { describe, expect, it } from "vitest";
import { seedDirectory } from "../../../functions/use-cases/seed-directory";
import { domainRejectionOf } from "../../fixtures/errors";
import { demoDirectoryData, MemoryDirectory } from "../../fixtures/in-memory";

describe("seedDirectory", () => {
  it("with keepExisting fills only what is missing and never undoes an edit", async () => {
    const directory = new MemoryDirectory({ agencies: [], categories: [] });
    expect(await seedDirectory({ directory }, demoDirectoryData, { keepExisting: true })).toEqual({
      agencies: demoDirectoryData.agencies.length,
      categories: demoDirectoryData.categories.length,
    });
    await directory.putAgency(
      { id: "kab-blora", name: "Kabupaten Blora (renamed)", level: "regency", parentId: "prov-jateng" },
      "update",
    );
    expect(await seedDirectory({ directory }, demoDirectoryData, { keepExisting: true })).toEqual({
      agencies: 0,
      categories: 0,
    });
    expect((await directory.load()).agency("kab-blora")?.name).toBe("Kabupaten Blora (renamed)");
  });

  it("without it, the file is the truth (a deployer's re-seed)", async () => {
    const directory = new MemoryDirectory();
    await directory.putAgency(
      { id: "kab-blora", name: "Renamed", level: "regency", parentId: "prov-jateng" },
      "update",
    );
    await seedDirectory({ directory }, demoDirectoryData);
    expect((await directory.load()).agency("kab-blora")?.name).not.toBe("Renamed");
  });

  it("writes nothing from an inconsistent file", async () => {
    const directory = new MemoryDirectory({ agencies: [], categories: [] });
    const broken = {
      ...demoDirectoryData,
      agencies: [
        ...demoDirectoryData.agencies,
        { id: "x", name: "X", level: "unit" as const, parentId: "nowhere" },
      ],
    };
    expect((await domainRejectionOf(seedDirectory({ directory }, broken, { keepExisting: true }))).code).toBe(
      "invalid_directory",
    );
    expect((await directory.load()).listAgencies()).toHaveLength(0);
  });
});
