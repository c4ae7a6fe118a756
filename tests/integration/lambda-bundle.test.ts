/**
 * The handlers as Lambda runs them: bundled as `cdk synth` bundles them (lib/bundling.ts: ESM, the
 * require banner, the credential-chain alias, the SDK's schema tables shaken), imported from the
 * bundle, and called with environment credentials only — against DynamoDB Local. Proves the
 * aliased credential provider works, which no source-level test can.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_FILE, bundleFunction } from "../../lib/bundling";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/dynamodb-local";
import { type LocalS3, startLocalS3 } from "../../local/local-s3";
import { type LocalSes, startLocalSes } from "../../local/local-ses";
import { httpEvent, lambdaContext } from "../fixtures/http-events";
import { validReport } from "../fixtures/in-memory";
import { createTestTable, type TestTable } from "../setup/test-table";

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

let table: TestTable;
let outdir: string;

const bundles = new Map<string, Promise<{ handler: Handler; code: string }>>();

/** The handler `name` bundled as for Lambda, once per file however many tests read it. */
function bundle(name: string): Promise<{ handler: Handler; code: string }> {
  const built =
    bundles.get(name) ??
    (async () => {
      const outfile = join(outdir, name, BUNDLE_FILE);
      await bundleFunction(`functions/http/${name}.ts`, join(outdir, name));
      const module = (await import(pathToFileURL(outfile).href)) as { handler: Handler };
      return { handler: module.handler, code: await readFile(outfile, "utf8") };
    })();
  bundles.set(name, built);
  return built;
}

beforeAll(async () => {
  table = await createTestTable();
  outdir = await mkdtemp(join(tmpdir(), "aduan-bundle-"));
  // What Lambda gives a function: its configuration, and the role's credentials in the
  // environment (here the run's fake ones: DynamoDB Local keeps one namespace per access key).
  process.env.TABLE_NAME = table.tableName;
});
afterAll(async () => {
  await table?.drop();
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe("bundled handlers", () => {
  it("leave the SDK's default credential chain out of the bundle", async () => {
    const { code } = await bundle("list-categories");
    expect(code).not.toContain("credential-provider-sso");
    expect(code).not.toContain("AWS_CONTAINER_CREDENTIALS_FULL_URI"); // the ECS/IMDS providers
    expect(code).toContain("AWS_SECRET_ACCESS_KEY"); // the environment provider
  });

  it("leave the SDK's event-stream codec out of the bundle", async () => {
    const { code } = await bundle("list-categories");
    expect(code).not.toContain("Unrecognized header type tag"); // the codec's header parser
    expect(code).toContain("Event streams are left out"); // what stands in for it
  });

  it("carry zod's Indonesian messages but no other language's", async () => {
    const { code } = await bundle("list-categories");
    expect(code).toContain("Terlalu kecil"); // Indonesian
    expect(code).not.toContain("Ungültige Eingabe"); // German: z.locales would bring every language
  });

  it("file and track a report with environment credentials only", async () => {
    const submit = (await bundle("submit-report")).handler;
    const track = (await bundle("get-report")).handler;
    const { seedDirectory } = await import("../../functions/use-cases/seed-directory");
    const { buildContainer } = await import("../../functions/shared/container");
    const { demoDirectoryData } = await import("../fixtures/in-memory");
    await seedDirectory(buildContainer({ tableName: table.tableName, stage: "test" }), demoDirectoryData);

    const created = await submit(
      httpEvent({
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(validReport),
      }),
      lambdaContext,
    );
    expect(created.statusCode).toBe(201);
    const { trackingId } = JSON.parse(created.body);
    const tracked = await track(httpEvent({ pathParameters: { trackingId } }), lambdaContext);
    expect(tracked.statusCode).toBe(200);
    expect(JSON.parse(tracked.body)).toMatchObject({ trackingId, status: "submitted" });
  });
});

describe("bundled S3 and SES clients (the SDK's schema tables shaken)", () => {
  type Adapters = typeof import("../fixtures/bundled-adapters");
  let adapters: Adapters;
  let code: string;
  let s3: LocalS3;
  let ses: LocalSes;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "aduan-bundled-sdk-"));
    await bundleFunction("tests/fixtures/bundled-adapters.ts", join(dir, "bundle"));
    const file = join(dir, "bundle", BUNDLE_FILE);
    code = await readFile(file, "utf8");
    adapters = (await import(pathToFileURL(file).href)) as Adapters;
    s3 = await startLocalS3({ directory: join(dir, "s3"), corsAllowedOrigins: [] });
    ses = await startLocalSes({ inboxFile: join(dir, "inbox.jsonl") });
  });
  afterAll(async () => {
    await s3?.stop();
    await ses?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("leave out the shapes of operations no command uses", () => {
    const shapes = [
      "GetObjectRequest",
      "PutBucketLifecycleConfigurationRequest",
      "SendEmailRequest",
      "PutDedicatedIpPoolScalingAttributesRequest",
    ];
    expect(Object.fromEntries(shapes.map((shape) => [shape, code.includes(shape)]))).toEqual({
      GetObjectRequest: true,
      PutBucketLifecycleConfigurationRequest: false,
      SendEmailRequest: true,
      PutDedicatedIpPoolScalingAttributesRequest: false,
    });
  });

  it("write, read, sign (without the client), miss and delete files on the local S3 server", async () => {
    const client = new adapters.S3Client({
      endpoint: s3.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    const files = new adapters.S3AttachmentStore(client, s3.bucket);
    const signer = new adapters.S3UrlSigner({
      bucket: s3.bucket,
      region: LOCAL_REGION,
      credentials: async () => LOCAL_CREDENTIALS,
      endpoint: s3.endpoint,
    });
    // The local S3 server checks a presigned URL's signature and expiry as S3 does.
    const links = new adapters.S3AttachmentLinks(signer);
    const bytes = new TextEncoder().encode("foto jalan rusak");
    await files.writeClean("clean/a.jpg", bytes, "image/jpeg");
    expect(await files.read("clean/a.jpg")).toEqual(bytes);
    // S3's NoSuchKey error, deserialized from its XML by the bundled client.
    expect(await files.read("clean/missing.jpg")).toBeUndefined();
    const url = await links.downloadUrl("clean/a.jpg", {
      seconds: 60,
      contentType: "image/jpeg",
      fileName: "a.jpg",
    });
    expect(await (await fetch(url)).text()).toBe("foto jalan rusak");
    expect(await files.deleteAllVersions("clean/a.jpg")).toBe(1);
    expect(await files.read("clean/a.jpg")).toBeUndefined();

    const exports = new adapters.S3ExportStore(client, s3.bucket);
    async function* rows() {
      yield "a,b\r\n";
      yield "1,2\r\n";
    }
    expect(await exports.write("exports/x.csv", rows())).toEqual({ bytes: 10 });
    client.destroy();
  });

  it("send an e-mail to the SES emulator", async () => {
    const client = new adapters.SESv2Client({
      endpoint: ses.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const mailer = new adapters.SesMailer(client, "noreply@aduan.test");
    await mailer.send({ to: ["warga@example.test"], subject: "Uji", text: "Isi", html: "<p>Isi</p>" });
    const store = (await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: { subject?: string }[] };
    expect(store.emails.map((e) => e.subject)).toContain("Uji");
    client.destroy();
  });
});
