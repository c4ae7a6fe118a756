/**
 * `npm start`: the whole system on one machine (PRODUCT.md §7).
 *
 * Starts DynamoDB Local persisted under the data directory, creates (or migrates) the table from
 * TABLE_DESIGN, seeds the demo directory, starts a local SQS with the queues and DLQs of the
 * stateful stack, runs the jobs of JOBS (queue pollers, schedule timers with the dev stage's
 * expressions) on a movable clock, and serves ROUTES on http://127.0.0.1:3000 with the same
 * handlers as Lambda, plus the /_local helpers. Prints ready-made staff tokens for the demo roles.
 *
 * Time: every handler gets the clock of `<dataDir>/clock.json` (real time plus an offset that
 * POST /_local/clock moves forward). E-mail goes to a local SES emulator whose web inbox is printed;
 * queue messages and e-mails are kept in the data directory across restarts (local-sqs.ts,
 * local-ses.ts).
 *
 *   ADUAN_DATA_DIR   data directory (default: .aduan/ in the repository, git-ignored)
 *   PORT             API port (default 3000; 0 picks a free one)
 *
 * Ctrl-C / SIGTERM stops the server, the jobs, the queues and the JVM and exits 0.
 */

import { readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { INCOMING_PREFIX } from "../functions/domain/attachments";
import type { DirectoryData } from "../functions/domain/directory";
import { QUEUES } from "../functions/manifests/routes";
import { buildContainer } from "../functions/shared/container";
import { ENV, readRuntimeConfig } from "../functions/shared/runtime-config";
import { seedDirectory } from "../functions/use-cases/seed-directory";
import {
  holidayCoverageWarning,
  loadStageConfig,
  runtimeAttachmentRules,
  stageEnvironment,
  tableEnvironment,
} from "../lib/config";
import { repoPath } from "../lib/paths";
import { MAX_RECEIVE_COUNT, queueVisibilityTimeout } from "../lib/stateful-stack";
import { type BackgroundJobs, queueEnvironment, startBackgroundJobs } from "./background-jobs";
import { ensureTable, streamArnOf } from "./create-table";
import { type DynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from "./dynamodb-local";
import { localContainers } from "./grants";
import { openLocalClock } from "./local-clock";
import { localEndpoints } from "./local-endpoints";
import { type LocalS3, localS3Client, startLocalS3 } from "./local-s3";
import { type LocalSes, startLocalSes } from "./local-ses";
import { type LocalSqs, startLocalSqs } from "./local-sqs";
import { UPLOAD_PATH, uploadGateway } from "./s3-upload-gateway";
import { firstOf, type LocalServer, startLocalServer } from "./server";
import type { StaffRole } from "./staff-tokens";
import { ensureTokenSecretFile } from "./token-secret";
import { ensureWebBuild, webApp } from "./web-app";

const TABLE_NAME = "aduan-local";
const DEMO_DIRECTORY = repoPath("functions", "data", "demo-directory.json");
/** The stage whose schedules, calendar zone and job timeout the local jobs follow. */
const STAGE = "dev";

/** One demo staff member per role, at the agencies the README walks through. */
const DEMO_STAFF: readonly { role: StaffRole; agencyId: string }[] = [
  { role: "national_admin", agencyId: "nasional" },
  { role: "agency_admin", agencyId: "kab-blora" },
  { role: "unit_admin", agencyId: "blora-dinkes" },
  { role: "liaison_officer", agencyId: "blora-dinkes" },
  { role: "supervisor", agencyId: "prov-jateng" },
];

let dynamo: DynamoDbLocal | undefined;
let sqs: LocalSqs | undefined;
let s3: LocalS3 | undefined;
let ses: LocalSes | undefined;
let jobs: BackgroundJobs | undefined;
let server: LocalServer | undefined;
let stopping = false;

async function shutdown(exitCode: number): Promise<never> {
  if (stopping) process.exit(exitCode || 1); // a second Ctrl-C: give up waiting
  stopping = true;
  // Outside in: no new requests, then no new job runs (a batch in hand finishes and is
  // acknowledged), then the queues, then the table the handlers were writing to.
  await server?.close().catch(() => {});
  await jobs?.stop().catch(() => {});
  await sqs?.stop().catch(() => {});
  await s3?.stop().catch(() => {});
  await ses?.stop().catch(() => {});
  await dynamo?.stop().catch(() => {});
  process.exit(exitCode);
}

function fail(message: string): Promise<never> {
  console.error(`\nnpm start failed: ${message}`);
  return shutdown(1);
}

async function main(): Promise<void> {
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));

  const dataDir = resolve(process.env.ADUAN_DATA_DIR || repoPath(".aduan"));
  const port = parsePort(process.env.PORT);
  const stage = loadStageConfig(STAGE);
  // Before the first SDK client (the local SQS's) is built: the Node 20 notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

  const started = performance.now();
  try {
    dynamo = await startDynamoDbLocal({ dataDir: join(dataDir, "dynamodb") });
  } catch (error) {
    return fail(messageOf(error));
  }
  const dynamoMs = Math.round(performance.now() - started);
  superviseDynamoDb(join(dataDir, "dynamodb"));

  try {
    sqs = await startLocalSqs({
      queueNames: Object.keys(QUEUES),
      maxReceiveCount: MAX_RECEIVE_COUNT,
      visibilityTimeoutSeconds: queueVisibilityTimeout(stage).toSeconds(),
      persistFile: join(dataDir, "sqs-messages.json"),
    });
  } catch (error) {
    return fail(`starting the local SQS: ${messageOf(error)}`);
  }

  try {
    s3 = await startLocalS3({
      directory: join(dataDir, "s3"),
      corsAllowedOrigins: stage.api.corsAllowedOrigins,
      // The bucket's notification configuration: uploads under incoming/ to the attachments queue.
      onEvent: (notification) => {
        const uploads = notification.Records.filter(
          (r) => r.eventName.startsWith("ObjectCreated") && r.s3.object.key.startsWith(INCOMING_PREFIX),
        );
        const queue = sqs?.queues.get("attachments");
        if (uploads.length === 0 || !sqs || !queue) return;
        sqs.client
          .send(
            new SendMessageCommand({
              QueueUrl: queue.url,
              MessageBody: JSON.stringify({ Records: uploads }),
            }),
          )
          .catch((error) => console.error(`S3 notification not queued: ${messageOf(error)}`));
      },
    });
  } catch (error) {
    return fail(`starting the local S3 server: ${messageOf(error)}`);
  }

  try {
    ses = await startLocalSes({ inboxFile: join(dataDir, "ses-inbox.jsonl") });
  } catch (error) {
    return fail(`starting the local SES emulator: ${messageOf(error)}`);
  }

  const env: Record<string, string> = {
    ...queueEnvironment(sqs),
    // E-mail: the SES emulator; links in e-mails lead to this server; webhooks retry within seconds.
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    // CloudWatch reads metrics from the logs in AWS; locally they would only flood the console.
    POWERTOOLS_METRICS_DISABLED: "true",
    ...stageEnvironment({
      ...stage,
      notifications: {
        ...stage.notifications,
        from: "Aduan <no-reply@aduan.local>",
        siteUrl: `http://localhost:${port}`,
      },
    }),
    // The files bucket (staff exports now) on the local S3 server, path-style as it needs.
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    [ENV.exportsBucket]: s3.bucket,
    [ENV.attachmentsBucket]: s3.bucket,
    [ENV.s3ForcePathStyle]: "true",
    // Presigned uploads go through the local server, which enforces their policy (s3rver does not).
    [ENV.s3UploadEndpoint]: `http://127.0.0.1:${port}${UPLOAD_PATH.replace(/\/$/, "")}`,
    [ENV.attachmentRules]: runtimeAttachmentRules(stage),
    [ENV.tableName]: TABLE_NAME,
    // The stand-in for the stateful stack's Secrets Manager secret: generated once, kept in dataDir.
    [ENV.accessTokenSecretFile]: await ensureTokenSecretFile(dataDir),
    [ENV.stage]: "local",
    // Each function caches the directory as a Lambda container does (60 s); tests may shorten it.
    ...(process.env[ENV.directoryCacheSeconds] && {
      [ENV.directoryCacheSeconds]: process.env[ENV.directoryCacheSeconds],
    }),
    // The same calendar and SLA the dev stage deploys, so local deadlines match AWS's.
    ...tableEnvironment(stage),
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    // Fixed fake credentials win over any real ones in the developer's shell or ~/.aws, so the
    // local system can never reach (or bill) a real AWS account.
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
  // For commands run beside it (npm run stats:rebuild): where the table is and how it is configured.
  await writeFile(join(dataDir, "local-system.json"), JSON.stringify({ environment: env }, null, 2), {
    mode: 0o600,
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, env);

  const directory = JSON.parse(await readFile(DEMO_DIRECTORY, "utf8")) as DirectoryData;
  let seeded = { agencies: 0, categories: 0 };
  let streamArn: string;
  try {
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const { streamAdded } = await ensureTable(client, TABLE_NAME);
    if (streamAdded)
      console.warn(
        "The local table predates agency figures: its reports are counted once you run `npm run stats:rebuild` (with this server running).",
      );
    streamArn = await streamArnOf(client, TABLE_NAME);
    client.destroy();
    // Only what is missing: agencies edited through the API keep their edits across restarts.
    seeded = await seedDirectory(buildContainer(readRuntimeConfig()), directory, { keepExisting: true });
  } catch (error) {
    return fail(`preparing table ${TABLE_NAME}: ${messageOf(error)}`);
  }

  // Every handler, HTTP or job, reads time from this one movable clock, and runs with the
  // environment and AWS permissions its manifest access grants, no more (local/grants.ts).
  const clock = await openLocalClock(dataDir);
  const containerFor = localContainers({ env, clock: clock.clock });
  jobs = startBackgroundJobs({
    containerFor,
    sqs,
    clock: clock.clock,
    schedules: stage.schedules,
    timeZone: stage.calendar.timeZone,
    jobTimeoutSeconds: stage.lambda.jobTimeoutSeconds,
    // The table's stream on DynamoDB Local, read as Lambda's event source mapping would.
    stream: {
      client: new DynamoDBStreamsClient({
        endpoint: dynamo.endpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
      streamArn,
      checkpointFile: join(dataDir, "stream-checkpoints.json"),
    },
  });

  let webBuild: string;
  try {
    console.log("Web app: checking its build (Vite builds it when web/ changed)…");
    webBuild = await ensureWebBuild();
  } catch (error) {
    return fail(`building the web app: ${messageOf(error)}`);
  }

  try {
    server = await startLocalServer({
      port,
      env,
      dataDir,
      localRoutes: localEndpoints({ clock, jobs }),
      rawRoutes: firstOf(
        uploadGateway({
          s3: localS3Client(s3.endpoint),
          secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey,
          corsAllowedOrigins: stage.api.corsAllowedOrigins,
        }),
        // Uploads go to this server's /_local/s3 under its 127.0.0.1 name (S3_UPLOAD_ENDPOINT).
        webApp({ uploadOrigins: [`http://127.0.0.1:${port}`] }),
      ),
      corsAllowedOrigins: stage.api.corsAllowedOrigins,
      containerFor,
      functionTimeoutSeconds: stage.lambda.timeoutSeconds,
      // ADUAN_THROTTLE=1: throttle like the deployed stage (off by default: scripts fire fast).
      ...(process.env.ADUAN_THROTTLE === "1" && { throttling: stage.api.throttling }),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      return fail(
        `port ${port} on 127.0.0.1 is already in use (another npm start?). ` +
          `Stop that process or pick another port: PORT=${port + 1} npm start`,
      );
    }
    return fail(messageOf(error));
  }

  const coverage = holidayCoverageWarning(stage, clock.clock.now());
  if (coverage) console.warn(`\nWarning: ${coverage}`);

  const agencyIds = new Set(directory.agencies.map((agency) => agency.id));
  const tokenLines: string[] = [];
  for (const { role, agencyId } of DEMO_STAFF.filter((staff) => agencyIds.has(staff.agencyId))) {
    const token = await server.tokens.issueStaffToken({
      role,
      agencyId,
      sub: `demo-${role.replaceAll("_", "-")}`,
    });
    tokenLines.push(`export TOKEN_${role.toUpperCase()}=${token}   # ${role} @ ${agencyId}`);
  }

  const fromCwd = relative(process.cwd(), dataDir);
  const shownDir = fromCwd.startsWith("..") ? dataDir : fromCwd || ".";
  console.log(
    [
      "",
      "Aduan local",
      `  Web app        ${server.url}/  (citizen site; staff console at ${server.url}/staf, demo sign-in) — ${webBuild}`,
      `  API            ${server.url}`,
      `  API docs       ${server.url}/docs`,
      `  DynamoDB Local ${dynamo.endpoint}  table ${TABLE_NAME}  data ${join(shownDir, "dynamodb")}  (started in ${dynamoMs} ms${dynamo.loopbackOnly ? "" : ", on all interfaces"})`,
      `  Directory      demo data: ${directory.agencies.length} agencies, ${directory.categories.length} categories (${seeded.agencies + seeded.categories} missing ones seeded; edits kept)`,
      `  S3 (s3rver)    ${s3.endpoint}  bucket ${s3.bucket}  data ${join(shownDir, "s3")}  (uploads via ${server.url}${UPLOAD_PATH}, POST policy checked)`,
      `  SQS (fauxqs)   ${sqs.endpoint}  queues ${[...sqs.queues.values()].map((q) => `${q.name} (+${q.deadLetter.name})`).join(", ")}  (kept in ${join(shownDir, "sqs-messages.json")})`,
      `  E-mail inbox   ${ses.endpoint}/  (SES v2 emulator; every e-mail sent, kept in ${join(shownDir, "ses-inbox.jsonl")}; JSON at ${ses.endpoint}/store)`,
      ...jobs
        .schedules()
        .map(
          (s) =>
            `  Schedule       ${s.name}: ${s.handler} ${s.expression} (lib/stages/${STAGE}.json), next ${s.nextRunAt ?? "never"}`,
        ),
      `  Clock          ${clock.clock.now().toISOString()}${clock.clock.offsetMs > 0 ? ` (moved ${formatOffset(clock.clock.offsetMs)} ahead; ${join(shownDir, "clock.json")})` : " (real time)"}`,
      `  Time travel    curl -X POST ${server.url}/_local/clock -d '{"advance":"P4D"}'; curl -X POST ${server.url}/_local/schedules/sweep/run`,
      "",
      "Staff tokens (ID-token equivalents, valid 12 h). Paste into a shell, then:",
      `  curl -H "Authorization: Bearer $TOKEN_AGENCY_ADMIN" ${server.url}/v1/...`,
      `More: curl -X POST ${server.url}/_local/token -d '{"role":"unit_admin","agencyId":"blora-dinkes"}'`,
      ...tokenLines,
      "",
      `Aduan local ready at ${server.url} (Ctrl-C to stop)`,
    ].join("\n"),
  );
}

/**
 * Keeps DynamoDB Local running: if the JVM dies, requests meanwhile fail fast with 503 (the
 * handlers' client cannot connect) and it is started again on the same port with the same data,
 * with a growing pause between attempts. `npm start` itself never exits because of it.
 */
function superviseDynamoDb(dataDir: string): void {
  const current = dynamo;
  if (!current) return;
  void current.exited.then(async ({ code, signal }) => {
    if (stopping) return;
    console.error(
      `DynamoDB Local exited unexpectedly (code ${code}, signal ${signal}); API requests answer 503 until it is back. Restarting it on port ${current.port}…`,
    );
    for (let attempt = 1; !stopping; attempt++) {
      try {
        dynamo = await startDynamoDbLocal({ dataDir, port: current.port });
        console.error(`DynamoDB Local restarted on port ${current.port} (attempt ${attempt}).`);
        superviseDynamoDb(dataDir);
        return;
      } catch (error) {
        const pause = Math.min(30_000, 1000 * 2 ** (attempt - 1));
        console.error(
          `DynamoDB Local did not restart (${messageOf(error)}); trying again in ${pause / 1000} s.`,
        );
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  });
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer from 0 to 65535, got "${value}"`);
    process.exit(1);
  }
  return port;
}

function formatOffset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h ${minutes % 60}m`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

await main();
