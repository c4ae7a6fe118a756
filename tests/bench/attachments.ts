/**
 * `npm run bench:attachments` — how long does the check take for a 10 MB photo?
 *
 * A 10 MB baseline JPEG (built here, noisy blocks, with an EXIF segment carrying GPS) is uploaded to
 * the local S3 server as the presigned POST would store it, and the check job's use case runs on it:
 * read, magic bytes, metadata stripped, clean file written, every version of the upload deleted,
 * verdict recorded. Reports and attachments are kept in memory (the table's share is two small
 * writes); the S3 calls are real (s3rver). Median of BENCH_RUNS (default 7) runs, after one warm-up.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { S3AttachmentStore } from "../../functions/adapters/s3/attachment-files";
import { incomingKey } from "../../functions/domain/attachments";
import { stripMetadata } from "../../functions/domain/file-content";
import { addAttachment } from "../../functions/use-cases/add-attachment";
import { checkAttachment } from "../../functions/use-cases/check-attachment";
import { localS3Client, startLocalS3 } from "../../local/local-s3";
import { exifGpsSegment, jpeg } from "../fixtures/files";
import { memoryPorts } from "../fixtures/in-memory";
import { atDinkes } from "../fixtures/journey";

const runs = Number(process.env.BENCH_RUNS ?? 7);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "aduan-bench-s3-"));
  const s3 = await startLocalS3({ directory: dir, corsAllowedOrigins: [] });
  const client = localS3Client(s3.endpoint);
  try {
    const started = performance.now();
    const [blocks, rows] = [2048, 2730];
    const photo = jpeg({ blocks, rows, noise: true, extraSegments: [exifGpsSegment()] });
    console.log(
      `A ${(photo.length / 1024 / 1024).toFixed(2)} MB JPEG (${8 * blocks} × ${8 * rows} px) built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const stripTimes: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const t0 = performance.now();
      stripMetadata("image/jpeg", photo);
      if (run > 0) stripTimes.push(performance.now() - t0);
    }
    const memory = memoryPorts();
    // The upload is put straight into the bucket below: what the check does is what is timed.
    const ports = { ...memory, attachmentFiles: new S3AttachmentStore(client, s3.bucket) };
    const checkTimes: number[] = [];
    let outcome: unknown;
    for (let run = 0; run <= runs; run++) {
      const { trackingId, accessToken } = await atDinkes(memory);
      const { attachment } = await addAttachment(memory, { kind: "reporter", accessToken }, trackingId, {
        fileName: "IMG_0001.jpg",
        contentType: "image/jpeg",
        size: photo.length,
      });
      const key = incomingKey(trackingId, attachment.id);
      await client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: photo, ContentType: "image/jpeg" }),
      );
      const t0 = performance.now();
      outcome = await checkAttachment(ports, key);
      if (run > 0) checkTimes.push(performance.now() - t0);
    }
    console.log(
      `\nCheck of a ${(photo.length / 1024 / 1024).toFixed(1)} MB JPEG, median of ${runs} runs (this machine):\n`,
    );
    console.log("| step | median |");
    console.log("|---|---|");
    console.log(`| metadata stripping alone (pure, in memory) | ${median(stripTimes).toFixed(1)} ms |`);
    console.log(
      `| the whole check on the local S3 server (read, strip, write clean, delete upload) | ${median(checkTimes).toFixed(1)} ms |`,
    );
    console.log(`\nlast outcome: ${JSON.stringify(outcome)}`);
  } finally {
    client.destroy();
    await s3.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
