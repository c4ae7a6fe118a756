/**
 * Attachments through the use cases: the limits checked before anything is signed, one verdict per
 * upload however often its event arrives, every version of the raw upload gone after the check,
 * rejections freeing their slot, and the timeline telling the reporter.
 */
import { describe, expect, it } from "vitest";
import { cleanKey, incomingKey } from "../../../functions/domain/attachments";
import { addAttachment } from "../../../functions/use-cases/add-attachment";
import { checkAttachment } from "../../../functions/use-cases/check-attachment";
import { getAttachment } from "../../../functions/use-cases/get-attachment";
import { publishAttachment } from "../../../functions/use-cases/publish-attachment";
import { exifGpsSegment, jpeg } from "../../fixtures/files";
import { memoryPorts, staff } from "../../fixtures/in-memory";
import { atDinkes, bloraAdmin, jatengSupervisor } from "../../fixtures/journey";

async function announced(ports: ReturnType<typeof memoryPorts>, size = 1000, contentType = "image/jpeg") {
  const { trackingId, accessToken } = await atDinkes(ports);
  const added = await addAttachment(ports, { kind: "reporter", accessToken }, trackingId, {
    fileName: "foto.jpg",
    contentType,
    size,
  });
  return { trackingId, accessToken, id: added.attachment.id, added };
}

describe("add attachment", () => {
  it("signs one exact incoming key for the announced type and size, as pending", async () => {
    const ports = memoryPorts();
    const { trackingId, id, added } = await announced(ports, 2048);
    expect(added.attachment).toMatchObject({ status: "pending", size: 2048, uploadedBy: "reporter" });
    expect(added.upload.fields).toMatchObject({
      key: incomingKey(trackingId, id),
      "Content-Type": "image/jpeg",
      maxBytes: "2048",
    });
    expect(Date.parse(added.upload.expiresAt) - ports.clock.now().getTime()).toBe(15 * 60_000);
  });

  it("refuses a type or size the stage does not allow, a supervisor, a closed report, a sixth file", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports);
    const add = (
      input: { contentType?: string; size?: number },
      who = { kind: "reporter" as const, accessToken },
    ) =>
      addAttachment(ports, who, trackingId, {
        fileName: "x",
        contentType: "application/pdf",
        size: 10,
        ...input,
      });
    await expect(add({ contentType: "text/html" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(add({ size: 10 * 1024 * 1024 + 1 })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(add({}, { kind: "reporter", accessToken: "wrong" })).rejects.toMatchObject({
      code: "invalid_access_token",
    });
    await expect(
      addAttachment(ports, { kind: "staff", principal: jatengSupervisor }, trackingId, {
        fileName: "x",
        contentType: "application/pdf",
        size: 10,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    for (let i = 0; i < 5; i++) await add({});
    await expect(add({})).rejects.toMatchObject({ code: "attachment_limit" });
  });
});

describe("abandoned announcements", () => {
  it("give their slots back an hour after their upload window, as rejected: not uploaded", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports);
    const announce = () =>
      addAttachment(ports, { kind: "reporter", accessToken }, trackingId, {
        fileName: "f.pdf",
        contentType: "application/pdf",
        size: 9,
      });
    const first = [];
    for (let i = 0; i < 5; i++) first.push((await announce()).attachment.id);
    await expect(announce()).rejects.toMatchObject({ code: "attachment_limit" });
    ports.clock.advance(15 * 60_000 + 30 * 60_000); // window passed, within the grace hour
    await expect(announce()).rejects.toMatchObject({ code: "attachment_limit" });
    ports.clock.advance(60 * 60_000);
    const sixth = await announce();
    const stored = await ports.reports.load(trackingId);
    const byId = new Map(stored?.attachments?.map((a) => [a.id, a]));
    for (const id of first) expect(byId.get(id)?.rejection?.code).toBe("not_uploaded");
    expect(byId.get(sixth.attachment.id)?.status).toBe("pending");
    // A late upload of a given-up announcement changes nothing.
    ports.attachmentFiles.upload(incomingKey(trackingId, first[0] as string), Buffer.from("%PDF-1.7"));
    expect(await checkAttachment(ports, incomingKey(trackingId, first[0] as string))).toMatchObject({
      outcome: "ignored",
    });
  });
});

describe("check attachment", () => {
  it("cleans a photo, removes every version of the upload, tells the reporter, and settles once", async () => {
    const ports = memoryPorts();
    const photo = jpeg({ extraSegments: [exifGpsSegment()] });
    const { trackingId, accessToken, id } = await announced(ports, photo.length);
    const key = incomingKey(trackingId, id);
    ports.attachmentFiles.upload(key, photo);
    ports.attachmentFiles.upload(key, photo); // a replayed POST before the check: two versions

    expect(await checkAttachment(ports, key)).toMatchObject({
      outcome: "clean",
      removedBytes: photo.length - jpeg().length,
    });
    expect(ports.attachmentFiles.versions.has(key)).toBe(false);
    const clean = await ports.attachmentFiles.read(cleanKey(trackingId, id));
    expect(Buffer.from(clean as Uint8Array)).toEqual(jpeg());
    const stored = await ports.reports.load(trackingId);
    expect(stored?.timeline.at(-1)).toMatchObject({
      type: "attachment_added",
      visibility: "reporter",
      attachmentId: id,
    });

    // The same event again, or a replayed upload after the check: nothing changes but the bytes go.
    ports.attachmentFiles.upload(key, Buffer.from("MZ again"));
    expect(await checkAttachment(ports, key)).toEqual({ outcome: "ignored", why: "already clean" });
    expect(ports.attachmentFiles.versions.has(key)).toBe(false);
    expect((await ports.reports.load(trackingId))?.report.version).toBe(stored?.report.version);
    const link = await getAttachment(ports, { kind: "public-or-reporter", accessToken }, trackingId, id);
    expect(link.url).toBe(`memory://${cleanKey(trackingId, id)}?expires=300`);
  });

  it("rejects a disguised executable, a file larger than announced and a broken image, freeing their slots", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports);
    const cases: [string, Uint8Array, number, string][] = [
      ["exe", Buffer.from("MZ\x90\x00 program", "latin1"), 100, "type_mismatch"],
      ["big", jpeg(), 50, "too_large"],
      ["broken", jpeg().subarray(0, 40), 100, "unreadable"],
    ];
    for (const [name, bytes, size, code] of cases) {
      const { attachment } = await addAttachment(ports, { kind: "reporter", accessToken }, trackingId, {
        fileName: `${name}.jpg`,
        contentType: "image/jpeg",
        size,
      });
      const key = incomingKey(trackingId, attachment.id);
      ports.attachmentFiles.upload(key, bytes);
      expect(await checkAttachment(ports, key)).toEqual({ outcome: "rejected", code });
      expect(ports.attachmentFiles.versions.has(key)).toBe(false);
      expect(ports.attachmentFiles.versions.has(cleanKey(trackingId, attachment.id))).toBe(false);
    }
    const stored = await ports.reports.load(trackingId);
    expect(stored?.attachments?.map((a) => a.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(stored?.timeline.filter((e) => e.type === "attachment_rejected")).toHaveLength(3);
    // Rejected files do not count: five more may be announced.
    for (let i = 0; i < 5; i++)
      await addAttachment(ports, { kind: "reporter", accessToken }, trackingId, {
        fileName: "f.pdf",
        contentType: "application/pdf",
        size: 9,
      });
  });

  it("deletes a file nobody announced without touching any report", async () => {
    const ports = memoryPorts();
    ports.attachmentFiles.upload("incoming/AAAAA-AAAAA/att-forged", jpeg());
    expect(await checkAttachment(ports, "incoming/AAAAA-AAAAA/att-forged")).toMatchObject({
      outcome: "ignored",
    });
    expect(ports.attachmentFiles.versions.size).toBe(0);
  });

  it("publishing needs a checked file and a liaison officer or agency admin", async () => {
    const ports = memoryPorts();
    const { trackingId, id } = await announced(ports, jpeg().length);
    await expect(publishAttachment(ports, bloraAdmin, trackingId, id)).rejects.toMatchObject({
      code: "invalid_transition",
    });
    ports.attachmentFiles.upload(incomingKey(trackingId, id), jpeg());
    await checkAttachment(ports, incomingKey(trackingId, id));
    await expect(
      publishAttachment(ports, staff("unit_admin", "blora-dinkes"), trackingId, id),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const view = await publishAttachment(ports, bloraAdmin, trackingId, id);
    expect(view.attachments).toMatchObject([{ id, published: true }]);
    expect(view.timeline.at(-1)).toMatchObject({ type: "attachment_published", attachmentId: id });
  });
});
