/**
 * Export files on the local S3 server (s3rver, as under `npm start`): a 100,000-row export goes up
 * as 5 MiB parts of a multipart upload — never held whole — and comes back intact through the
 * presigned URL staff download it with.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3ExportStore } from "../../functions/adapters/s3/export-files";
import { S3ExportLinks } from "../../functions/adapters/s3/links";
import { S3UrlSigner } from "../../functions/adapters/s3/url-signer";
import { CSV_BOM, csvLine } from "../../functions/shared/csv";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/dynamodb-local";
import { type LocalS3, localS3Client, startLocalS3 } from "../../local/local-s3";

let s3: LocalS3;
let dir: string;
let client: S3Client;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aduan-s3-"));
  s3 = await startLocalS3({ directory: dir, corsAllowedOrigins: [] });
  client = localS3Client(s3.endpoint);
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The job's store and the API's links over one bucket, as the two functions see it. */
function exportFiles() {
  const store = new S3ExportStore(client, s3.bucket);
  const links = new S3ExportLinks(
    new S3UrlSigner({
      bucket: s3.bucket,
      region: LOCAL_REGION,
      credentials: async () => LOCAL_CREDENTIALS,
      endpoint: s3.endpoint,
    }),
  );
  return { write: store.write.bind(store), downloadUrl: links.downloadUrl.bind(links) };
}

describe("S3ExportStore and S3ExportLinks", () => {
  it("streams 100,000 rows in 5 MiB parts and serves them back through a presigned URL", async () => {
    const commands: string[] = [];
    client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize" },
    );
    const files = exportFiles();
    const ROWS = 100_000;
    async function* lines() {
      yield CSV_BOM + csvLine(["ID pelacakan", "Instansi", "Dikirim"]);
      for (let i = 0; i < ROWS; i += 1000) {
        let page = "";
        for (let j = i; j < i + 1000; j++)
          page += csvLine([
            `R${j}`,
            "Dinas Pekerjaan Umum dan Penataan Ruang, Kabupaten Blora",
            "2026-11-23T03:00:00.000Z",
          ]);
        yield page;
      }
    }
    const { bytes } = await files.write("exports/big.csv", lines());
    expect(bytes).toBeGreaterThan(8 * 1024 * 1024);
    const parts = commands.filter((name) => name === "UploadPartCommand").length;
    expect(parts).toBe(Math.ceil(bytes / (5 * 1024 * 1024)));
    expect(commands).toContain("CompleteMultipartUploadCommand");

    const response = await fetch(await files.downloadUrl("exports/big.csv", 300));
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(ROWS);
    expect(rows[ROWS - 1]).toEqual({
      "ID pelacakan": `R${ROWS - 1}`,
      Instansi: "Dinas Pekerjaan Umum dan Penataan Ruang, Kabupaten Blora",
      Dikirim: "2026-11-23T03:00:00.000Z",
    });
  }, 120_000);

  it("writes a small export in one PUT", async () => {
    const files = exportFiles();
    await files.write(
      "exports/small.csv",
      (async function* () {
        yield `${CSV_BOM}a,b\r\n`;
      })(),
    );
    const response = await fetch(await files.downloadUrl("exports/small.csv", 300));
    // The byte-order mark is kept in the file (fetch's text() would strip it when decoding).
    expect(Buffer.from(await response.arrayBuffer()).toString("hex")).toBe(
      Buffer.from(`${CSV_BOM}a,b\r\n`, "utf8").toString("hex"),
    );
  });
});
