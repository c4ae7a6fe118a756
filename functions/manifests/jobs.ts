/**
 * The job manifest: every function that is not behind an HTTP route — schedule targets and queue
 * consumers. Pure data, read by the CDK stateless stack (EventBridge Scheduler schedules, SQS event
 * source mappings with partial batch failures, grants) and by the local server (in-process timer
 * with the same expression, a poller on the local SQS server feeding the same handlers).
 * A job's code is `functions/jobs/<handler>.ts` exporting `handler`.
 */
import type { QueueName, RouteAccess } from "./routes";

/** Named schedules; each stage file gives the expression of each (`rate(15 minutes)` by default). */
export type ScheduleName = "sweep";

export type JobTrigger =
  /** Runs on the stage's schedule expression named here. */
  | { readonly kind: "schedule"; readonly schedule: ScheduleName }
  /** Consumes a queue in batches, reporting partial batch failures (`batchItemFailures`). */
  | { readonly kind: "queue"; readonly queue: QueueName; readonly batchSize: number }
  /**
   * Reads the table's stream (new images of report items only, filtered at the source), reporting
   * partial batch failures. DynamoDB Streams serves at most two readers a shard: this is the one.
   */
  | { readonly kind: "stream"; readonly batchSize: number };

export interface JobSpec {
  /** File name in functions/jobs (without .ts). */
  readonly handler: string;
  readonly trigger: JobTrigger;
  readonly access: RouteAccess;
}

export const JOBS: readonly JobSpec[] = [
  {
    handler: "sweep-overdue",
    trigger: { kind: "schedule", schedule: "sweep" },
    access: { table: "read", sendTo: ["escalations"] },
  },
  {
    handler: "apply-escalation",
    trigger: { kind: "queue", queue: "escalations", batchSize: 10 },
    // Its timeline event reaches the notifier through the table's stream, like every change.
    access: { table: "readWrite", sendTo: ["escalations"] },
  },
  {
    handler: "reindex-reports",
    // One page (100 reports) a message; it queues the next page itself.
    trigger: { kind: "queue", queue: "reindex", batchSize: 1 },
    access: { table: "readWrite", sendTo: ["reindex"] },
  },
  {
    handler: "route-changes",
    // Routes each written report and timeline event to the queues that need it; reads nothing but
    // the stream.
    trigger: { kind: "stream", batchSize: 100 },
    access: { sendTo: ["figures", "notifications"] },
  },
  {
    handler: "send-notifications",
    trigger: { kind: "queue", queue: "notifications", batchSize: 10 },
    // Reads the report and the agencies' channels, marks what it sent; e-mails; queues webhooks.
    access: { table: "readWrite", email: true, sendTo: ["webhooks"], channels: true },
  },
  {
    handler: "deliver-webhooks",
    // Each record is one HTTP attempt of at most 5 s, sent in turn.
    trigger: { kind: "queue", queue: "webhooks", batchSize: 5 },
    access: { table: "readWrite", sendTo: ["webhooks"], channels: true },
  },
  {
    handler: "apply-figures",
    trigger: { kind: "queue", queue: "figures", batchSize: 10 },
    access: { table: "readWrite" },
  },
  {
    handler: "write-export",
    // One export a message: it pages through up to 100,000 reports with bounded memory.
    trigger: { kind: "queue", queue: "exports", batchSize: 1 },
    access: { table: "readWrite", exports: "readWrite" },
  },
  {
    handler: "check-attachment",
    // Uploads of up to 10 MB each are read whole: a few a batch.
    trigger: { kind: "queue", queue: "attachments", batchSize: 5 },
    access: { table: "readWrite", attachments: ["check"] },
  },
];

/**
 * The only stream reader; its event source keeps report items (figures) and timeline events
 * (notifications) and drops everything else.
 */
export const STREAM_ENTITIES = ["report", "event"] as const;
