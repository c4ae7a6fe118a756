/**
 * Staff exports through the use cases: the rows are the requester's subtree in the date range,
 * confidential reports only with need-to-know, never contact or report text; the download is the
 * requester's alone.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { getExport } from "../../../functions/use-cases/get-export";
import { requestExport } from "../../../functions/use-cases/request-export";
import { writeExport } from "../../../functions/use-cases/write-export";
import { memoryPorts, staff } from "../../fixtures/in-memory";
import { atDinkes, bloraAdmin, fileReport, jatengSupervisor, national } from "../../fixtures/journey";

async function exported(
  ports: ReturnType<typeof memoryPorts>,
  principal: typeof bloraAdmin,
  locale: "id" | "en" = "en",
) {
  const { exportId } = await requestExport(
    ports,
    principal,
    { from: "2026-11-01", to: "2026-11-30" },
    locale,
  );
  const [message] = ports.queue.take("exports");
  expect(message).toEqual({ v: 1, exportId });
  expect((await writeExport(ports, exportId)).outcome).toBe("written");
  const view = await getExport(ports, principal, exportId);
  const key = new URL(view.url as string).host + new URL(view.url as string).pathname;
  const text = ports.exportFiles.files.get(key) as string;
  return {
    view,
    text,
    rows: parse(text, { bom: true, columns: true }) as Record<string, string>[],
    exportId,
  };
}

describe("staff export", () => {
  it("lists the subtree's reports with their lifecycle instants, never contact or text", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports);
    await fileReport(ports); // still at the national level: not Blora's
    const { view, text, rows } = await exported(ports, bloraAdmin);
    expect(view).toMatchObject({ status: "ready", rows: 1, agencyId: "kab-blora" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      "Tracking ID": trackingId,
      Kind: "complaint",
      "Agency ID": "blora-dinkes",
      Status: "dispatched",
      "Verification deadline": "met",
    });
    expect(rows[0]?.Submitted).toMatch(/^2026-11-23T/);
    for (const secret of ["Siti", "siti@example.org", "812", "Jalan rusak", "berlubang"])
      expect(text).not.toContain(secret);
  });

  it("leaves out confidential reports the requester has no need to know, and other dates", async () => {
    const ports = memoryPorts();
    const open = await atDinkes(ports);
    const secret = await atDinkes(ports, { confidential: true });
    const supervisor = await exported(ports, jatengSupervisor);
    expect(supervisor.rows.map((r) => r["Tracking ID"])).toEqual([open.trackingId]);
    const holder = await exported(ports, bloraAdmin);
    expect(holder.rows.map((r) => r["Tracking ID"]).sort()).toEqual(
      [open.trackingId, secret.trackingId].sort(),
    );

    const { exportId } = await requestExport(ports, national, { from: "2026-12-01", to: "2026-12-31" }, "id");
    await writeExport(ports, exportId);
    expect((await getExport(ports, national, exportId)).rows).toBe(0);
  });

  it("labels columns in the requester's language and gives the file to the requester only", async () => {
    const ports = memoryPorts();
    await atDinkes(ports);
    const { text, exportId } = await exported(ports, bloraAdmin, "id");
    expect(text.split("\r\n")[0]).toMatch(/^\uFEFFID pelacakan,Jenis,Kategori,/);
    await expect(getExport(ports, staff("agency_admin", "kab-blora"), exportId)).resolves.toBeDefined();
    const colleague = { ...bloraAdmin, userId: "someone-else" };
    await expect(getExport(ports, colleague, exportId)).rejects.toMatchObject({ code: "export_not_found" });
    // A redelivered message writes nothing twice.
    expect((await writeExport(ports, exportId)).outcome).toBe("already written");
  });

  it("refuses an agency outside the caller's subtree and a backwards range", async () => {
    const ports = memoryPorts();
    await expect(
      requestExport(
        ports,
        bloraAdmin,
        { from: "2026-01-01", to: "2026-02-01", agencyId: "kota-medan" },
        "id",
      ),
    ).rejects.toMatchObject({ code: "agency_not_found" });
    await expect(
      requestExport(ports, bloraAdmin, { from: "2026-02-01", to: "2026-01-01" }, "id"),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
