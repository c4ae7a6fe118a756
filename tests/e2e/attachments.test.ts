/**
 * Attachments end to end against `npm start`: announce, upload through the presigned POST exactly as
 * a browser would, wait for the check, download through the returned URL — and prove with an EXIF
 * reader that a phone photo's GPS is gone with its image data untouched; a PNG's text chunks the
 * same; an executable renamed .jpg rejected and gone from the bucket; an upload larger than
 * announced refused by the policy; a sixth attachment refused; who may download what.
 */
import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import exifr from "exifr";
import { describe, expect, it } from "vitest";
import { LOCAL_BUCKET, localS3Client } from "../../local/local-s3";
import { exifGpsSegment, jpeg, jpegImageData, pngWithText } from "../fixtures/files";
import { apiClient, useApp } from "./app-process";

const running = useApp("aduan-e2e-attachments-");
const { http, staffToken: token } = apiClient(() => running.app().url);

async function publicReport(): Promise<{ id: string; access: string }> {
  const { body } = await http("POST", "/v1/reports", {
    body: {
      kind: "complaint",
      title: "Jalan berlubang di Sambongrejo",
      description: "Lubang besar di tengah jalan desa, sudah tiga motor jatuh minggu ini.",
      category: "infrastructure.roads",
    },
  });
  const national = await token("national_admin", "nasional");
  await http("POST", `/v1/reports/${body.trackingId}/verify`, {
    token: national,
    body: { dispatchTo: "kab-blora" },
  });
  return { id: body.trackingId, access: body.accessToken };
}

/** Announces a file as the reporter and uploads `bytes` through the presigned POST; the upload's status. */
async function upload(
  report: { id: string; access: string },
  announced: { fileName: string; contentType: string; size: number },
  bytes: Uint8Array,
): Promise<{ id: string; status: number; body: string }> {
  const added = await http("POST", `/v1/reports/${report.id}/attachments`, {
    access: report.access,
    body: announced,
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(added.body.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append("file", new Blob([bytes], { type: announced.contentType }), announced.fileName);
  const response = await fetch(added.body.upload.url, { method: "POST", body: form });
  return { id: added.body.attachment.id, status: response.status, body: await response.text() };
}

async function checked(report: { id: string; access: string }, attachmentId: string) {
  for (let tries = 0; tries < 100; tries++) {
    const { body } = await http("GET", `/v1/reports/${report.id}/attachments`, { access: report.access });
    const found = body.attachments.find((a: { id: string }) => a.id === attachmentId);
    if (found && found.status !== "pending") return found;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`attachment ${attachmentId} was never checked`);
}

async function download(path: string, who: { access?: string; token?: string }) {
  const link = await http("GET", path, who);
  expect(link.status, JSON.stringify(link.body)).toBe(200);
  const file = await fetch(link.body.url);
  expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
  return { type: file.headers.get("content-type"), bytes: Buffer.from(await file.arrayBuffer()) };
}

/** True once the key is gone from the local bucket (polled: deletion follows the verdict). */
async function gone(key: string): Promise<boolean> {
  for (let tries = 0; tries < 100; tries++) {
    const exists = await bucket()
      .send(new HeadObjectCommand({ Bucket: LOCAL_BUCKET, Key: key }))
      .then(
        () => true,
        (error: Error) => {
          if (error.name === "NotFound") return false;
          throw error;
        },
      );
    if (!exists) return true;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  return false;
}

function bucket() {
  return localS3Client(running.app().s3Endpoint);
}

describe("attachments", () => {
  it("a phone photo loses its GPS and metadata, keeps its image data; a PNG its text chunks", async () => {
    const report = await publicReport();
    const photo = jpeg({ extraSegments: [exifGpsSegment()] });
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(-6.9667, 3);
    const sent = await upload(
      report,
      { fileName: "IMG_2041.jpg", contentType: "image/jpeg", size: photo.length },
      photo,
    );
    expect(sent.status).toBe(204);
    expect(await checked(report, sent.id)).toMatchObject({ status: "clean", size: expect.any(Number) });

    const got = await download(`/v1/reports/${report.id}/attachments/${sent.id}`, { access: report.access });
    expect(got.type).toBe("image/jpeg");
    expect(await exifr.gps(got.bytes)).toBeUndefined();
    expect(await exifr.parse(got.bytes, { tiff: true, xmp: true, iptc: true })).toBeUndefined();
    expect(jpegImageData(got.bytes)).toEqual(jpegImageData(photo));

    const png = pngWithText();
    const sentPng = await upload(
      report,
      { fileName: "peta.png", contentType: "image/png", size: png.length },
      png,
    );
    expect((await checked(report, sentPng.id)).status).toBe("clean");
    const gotPng = await download(`/v1/reports/${report.id}/attachments/${sentPng.id}`, {
      access: report.access,
    });
    expect(gotPng.bytes.includes("Siti Aminah")).toBe(false);
    expect(gotPng.bytes.includes("GPS")).toBe(false);

    // Nothing of the raw uploads is left in the bucket, only the checked files.
    expect(await gone(`incoming/${report.id}/${sent.id}`)).toBe(true);
    expect(await gone(`incoming/${report.id}/${sentPng.id}`)).toBe(true);
    const listed = await bucket().send(
      new ListObjectsV2Command({ Bucket: LOCAL_BUCKET, Prefix: `incoming/${report.id}/` }),
    );
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it("rejects an executable renamed .jpg and deletes it; refuses an upload larger than announced; a sixth file", async () => {
    const report = await publicReport();
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(2000, 7)]);
    const sent = await upload(
      report,
      { fileName: "foto.jpg", contentType: "image/jpeg", size: exe.length },
      exe,
    );
    expect(sent.status).toBe(204);
    const rejected = await checked(report, sent.id);
    expect(rejected).toMatchObject({ status: "rejected", rejectionCode: "type_mismatch" });
    expect(rejected.rejectionReason).toMatch(/tidak sesuai/);
    // The verdict is recorded first, then every version of the upload is deleted.
    expect(await gone(`incoming/${report.id}/${sent.id}`)).toBe(true);
    const staff = await token("agency_admin", "kab-blora");
    const timeline = (await http("GET", `/v1/staff/reports/${report.id}`, { token: staff })).body.timeline;
    expect(timeline.map((e: { type: string }) => e.type)).toContain("attachment_rejected");

    const tenMegabytes = 10 * 1024 * 1024;
    const big = Buffer.concat([jpeg(), Buffer.alloc(11 * 1024 * 1024)]);
    const tooBig = await upload(
      report,
      { fileName: "besar.jpg", contentType: "image/jpeg", size: tenMegabytes },
      big,
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toContain("<Code>EntityTooLarge</Code>");
    const over = await http("POST", `/v1/reports/${report.id}/attachments`, {
      access: report.access,
      body: { fileName: "besar.jpg", contentType: "image/jpeg", size: tenMegabytes + 1 },
    });
    expect(over.status).toBe(400);
    expect(over.body.details.map((d: { field: string }) => d.field)).toEqual(["size"]);
    const exeType = await http("POST", `/v1/reports/${report.id}/attachments`, {
      access: report.access,
      body: { fileName: "setup.exe", contentType: "application/x-msdownload", size: 100 },
    });
    expect(exeType.status).toBe(400);

    // The rejected file freed its slot: the pending 10 MB one and four more make five; a sixth is refused.
    for (let i = 0; i < 4; i++) {
      const ok = await http("POST", `/v1/reports/${report.id}/attachments`, {
        access: report.access,
        body: { fileName: `bukti-${i}.pdf`, contentType: "application/pdf", size: 1000 },
      });
      expect(ok.status).toBe(201);
    }
    const sixth = await http("POST", `/v1/reports/${report.id}/attachments`, {
      access: report.access,
      body: { fileName: "bukti-6.pdf", contentType: "application/pdf", size: 1000 },
    });
    expect(sixth).toMatchObject({ status: 409, body: { error: "attachment_limit" } });
  });

  it("the public sees an attachment only once published; a Medan officer never sees Blora's; the reporter does", async () => {
    const report = await publicReport();
    const photo = jpeg({ extraSegments: [exifGpsSegment()] });
    const sent = await upload(
      report,
      { fileName: "Siti-Aminah-KTP.jpg", contentType: "image/jpeg", size: photo.length },
      photo,
    );
    await checked(report, sent.id);
    const path = `/v1/reports/${report.id}/attachments/${sent.id}`;

    expect((await http("GET", path)).status).toBe(404);
    expect((await http("GET", `/v1/reports/${report.id}/attachments`)).body.attachments).toEqual([]);
    const medan = await token("agency_admin", "kota-medan");
    expect(
      (await http("GET", `/v1/staff/reports/${report.id}/attachments/${sent.id}`, { token: medan })).status,
    ).toBe(404);
    await download(path, { access: report.access });

    const blora = await token("agency_admin", "kab-blora");
    await download(`/v1/staff/reports/${report.id}/attachments/${sent.id}`, { token: blora });
    const redirect = await fetch(`${running.app().url}${path}?redirect=1`, {
      headers: { "x-access-token": report.access },
      redirect: "manual",
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toContain(`clean/${report.id}/${sent.id}`);

    const published = await http("POST", `/v1/staff/reports/${report.id}/attachments/${sent.id}/publish`, {
      token: blora,
    });
    expect(published.status).toBe(200);
    const listed = (await http("GET", `/v1/reports/${report.id}/attachments`)).body.attachments;
    expect(listed).toMatchObject([{ id: sent.id, published: true, status: "clean" }]);
    await download(path, {});
    const view = (await http("GET", `/v1/reports/${report.id}`)).body;
    expect(view.attachments.map((a: { id: string }) => a.id)).toEqual([sent.id]);
    expect(view.timeline.map((e: { type: string }) => e.type)).toContain("attachment_published");
    expect(view.timeline.map((e: { type: string }) => e.type)).not.toContain("attachment_added");
  });

  it("an anonymous reporter's file name never reaches staff", async () => {
    const { body } = await http("POST", "/v1/reports", {
      body: {
        kind: "complaint",
        title: "Pungutan liar di kantor kecamatan",
        description: "Petugas meminta uang untuk surat pengantar yang seharusnya gratis.",
        category: "infrastructure.roads",
        anonymous: true,
      },
    });
    const report = { id: body.trackingId, access: body.accessToken };
    const photo = jpeg();
    const sent = await upload(
      report,
      { fileName: "Budi Santoso kwitansi.jpg", contentType: "image/jpeg", size: photo.length },
      photo,
    );
    await checked(report, sent.id);
    const national = await token("national_admin", "nasional");
    const staffList = await http("GET", `/v1/staff/reports/${report.id}/attachments`, { token: national });
    expect(JSON.stringify(staffList.body)).not.toContain("Budi");
    expect(staffList.body.attachments[0].fileName).toBe("lampiran-1.jpg");
    expect(
      (await http("GET", `/v1/reports/${report.id}/attachments`, { access: report.access })).body
        .attachments[0].fileName,
    ).toBe("Budi Santoso kwitansi.jpg");
  });
});
