/**
 * Composition root: builds the ports once per cold start from the runtime configuration.
 * Handlers call `container()`; tests and the local server may build their own with overrides.
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { DynamoAccessRecovery } from "../adapters/dynamodb/access-recovery";
import { DynamoAgencyChannels } from "../adapters/dynamodb/agency-channels";
import { DynamoApiKeys } from "../adapters/dynamodb/api-keys";
import { createDocumentClient, createDynamoDbClient } from "../adapters/dynamodb/client";
import {
  CachedDirectoryRepository,
  DynamoDirectoryRepository,
} from "../adapters/dynamodb/directory-repository";
import { DynamoDueIndex } from "../adapters/dynamodb/due-index";
import { DynamoExportJobs } from "../adapters/dynamodb/export-jobs";
import { DynamoFiguresStore } from "../adapters/dynamodb/figures-store";
import { DynamoNotificationLog } from "../adapters/dynamodb/notification-log";
import { DynamoReindexJobs } from "../adapters/dynamodb/reindex-jobs";
import { DynamoReportRepository } from "../adapters/dynamodb/report-repository";
import { HttpWebhookSender } from "../adapters/http/webhook-sender";
import { systemClock } from "../adapters/system/clock";
import { cryptoIds } from "../adapters/system/ids";
import { DEFAULT_API_KEY_REQUESTS_PER_MINUTE } from "../domain/api-keys";
import type { DeadlineRules } from "../domain/deadlines";
import { LINK_PATHS } from "../domain/notifications";
import { DEFAULT_WEBHOOK_RETRY_SECONDS, WebhookRetrySeconds } from "../domain/webhooks";
import type { FiguresSettings } from "../use-cases/get-stats";
import type {
  AccessRecoveryStore,
  AgencyChannels,
  ApiKeys,
  AttachmentFiles,
  Clock,
  DirectoryRepository,
  DueIndex,
  ExportFiles,
  ExportJobs,
  FiguresStore,
  IdGenerator,
  Mailer,
  MessageQueue,
  NotificationLog,
  ReindexJobs,
  ReportRepository,
  TokenSecrets,
  WebhookSender,
} from "../use-cases/ports";
import type { NotificationLinks } from "../use-cases/send-notifications";
import { deadlineRulesFrom } from "./deadline-rules";
import { ConfigError, ENV, type RuntimeConfig, readRuntimeConfig } from "./runtime-config";

export interface Container {
  readonly config: RuntimeConfig;
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  /** Real time, never moved (the local clock can be): for what leaves the system with a timestamp. */
  readonly wallClock: Clock;
  readonly ids: IdGenerator;
  readonly rules: DeadlineRules;
  readonly dueIndex: DueIndex;
  readonly reindexJobs: ReindexJobs;
  /** Set only to replace SQS (tests); otherwise see shared/queue.ts: only senders bundle SQS. */
  readonly queue?: MessageQueue;
  /** Set only to replace the secret's store (tests); otherwise see shared/token-secrets.ts. */
  readonly tokenSecrets?: TokenSecrets;
  readonly figures: FiguresStore;
  readonly figuresSettings: FiguresSettings;
  readonly exportJobs: ExportJobs;
  /** Set only to replace the S3 adapter (tests); otherwise see shared/export-files.ts. */
  readonly exportFiles?: ExportFiles;
  /** Set only to replace the S3 adapter (tests); otherwise see shared/attachment-files.ts. */
  readonly attachmentFiles?: AttachmentFiles;
  /** Set only to replace SES (tests); otherwise see shared/email.ts: only e-mailing functions bundle SES. */
  readonly mailer?: Mailer;
  readonly notificationLog: NotificationLog;
  readonly channels: AgencyChannels;
  readonly webhookSender: WebhookSender;
  readonly accessRecovery: AccessRecoveryStore;
  readonly links: NotificationLinks;
  readonly webhookRetrySeconds: readonly number[];
  readonly apiKeys: ApiKeys;
  readonly apiKeyRequestsPerMinute: number;
  /** http://127.0.0.1 webhook receivers: the local stage only. */
  readonly allowLocalWebhooks: boolean;
  /** Applies the function's guard to an SDK client built outside the container (export-files.ts). */
  readonly guarded: <C extends SdkClient>(client: C, service: Service) => C;
}

/** An AWS SDK client, as far as a guard needs it: its middleware stack. */
export interface SdkClient {
  readonly middlewareStack: { add(middleware: never, options: never): void };
}

export type Service = "dynamodb" | "sqs" | "secretsmanager" | "s3" | "sesv2";

export interface BuildOptions {
  /**
   * Called with every AWS SDK client the container creates, before first use. `npm start` adds a
   * middleware that refuses calls outside the function's grants (local/grants.ts). @default none
   */
  readonly guard?: (client: SdkClient, service: Service) => void;
}

export function buildContainer(
  config: RuntimeConfig,
  overrides: Partial<Omit<Container, "config">> = {},
  options: BuildOptions = {},
): Container {
  const guarded = <C extends SdkClient>(client: C, service: Service): C => {
    options.guard?.(client, service);
    return client;
  };
  const doc = createDocumentClient(guarded(createDynamoDbClient(), "dynamodb"));
  // A function without table access has no TABLE_NAME; its table ports fail on use, naming why.
  const tableName = config.tableName ?? NO_TABLE;
  const allowLocalWebhooks = overrides.allowLocalWebhooks ?? config.stage === "local";
  return {
    config,
    reports: overrides.reports ?? new DynamoReportRepository(doc, tableName),
    directory:
      overrides.directory ??
      new CachedDirectoryRepository(
        new DynamoDirectoryRepository(doc, tableName),
        (config.directoryCacheSeconds ?? 60) * 1000,
      ),
    clock: overrides.clock ?? systemClock,
    wallClock: overrides.wallClock ?? systemClock,
    ids: overrides.ids ?? cryptoIds,
    rules: overrides.rules ?? deadlineRulesFrom(config),
    dueIndex: overrides.dueIndex ?? new DynamoDueIndex(doc, tableName),
    reindexJobs: overrides.reindexJobs ?? new DynamoReindexJobs(doc, tableName),
    figures: overrides.figures ?? new DynamoFiguresStore(doc, tableName),
    figuresSettings: overrides.figuresSettings ?? {
      passingGradePercent: config.passingGradePercent ?? 60,
      rankingMinReceived: config.rankingMinReceived ?? 10,
    },
    ...(overrides.queue && { queue: overrides.queue }),
    exportJobs: overrides.exportJobs ?? new DynamoExportJobs(doc, tableName),
    notificationLog: overrides.notificationLog ?? new DynamoNotificationLog(doc, tableName),
    channels: overrides.channels ?? new DynamoAgencyChannels(doc, tableName),
    accessRecovery: overrides.accessRecovery ?? new DynamoAccessRecovery(doc, tableName),
    webhookSender: overrides.webhookSender ?? new HttpWebhookSender({ allowLocal: allowLocalWebhooks }),
    links: overrides.links ?? linksFrom(config),
    webhookRetrySeconds: overrides.webhookRetrySeconds ?? retrySecondsFrom(config),
    apiKeys: overrides.apiKeys ?? new DynamoApiKeys(doc, tableName),
    apiKeyRequestsPerMinute:
      overrides.apiKeyRequestsPerMinute ??
      config.apiKeyRequestsPerMinute ??
      DEFAULT_API_KEY_REQUESTS_PER_MINUTE,
    allowLocalWebhooks,
    ...(overrides.mailer && { mailer: overrides.mailer }),
    ...(overrides.exportFiles && { exportFiles: overrides.exportFiles }),
    ...(overrides.attachmentFiles && { attachmentFiles: overrides.attachmentFiles }),
    guarded,
    ...(overrides.tokenSecrets && { tokenSecrets: overrides.tokenSecrets }),
  };
}

const NO_TABLE = "no-table-access-TABLE_NAME-unset";

/** Where notification links lead; without configuration, the web app's pages on this origin (LINK_PATHS). */
function linksFrom(config: RuntimeConfig): NotificationLinks {
  const fill = (template: string | undefined, fallback: string) => (trackingId: string) =>
    (template ?? fallback).replaceAll("{trackingId}", encodeURIComponent(trackingId));
  return {
    trackingUrl: fill(config.trackingUrl, LINK_PATHS.tracking),
    staffReportUrl: fill(config.staffReportUrl, LINK_PATHS.staffReport),
  };
}

function retrySecondsFrom(config: RuntimeConfig): readonly number[] {
  if (config.webhookRetrySeconds === undefined) return DEFAULT_WEBHOOK_RETRY_SECONDS;
  const parsed = WebhookRetrySeconds.safeParse(JSON.parse(config.webhookRetrySeconds));
  if (!parsed.success)
    throw new ConfigError(`${ENV.webhookRetrySeconds}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const extended = new WeakMap<Container, Map<string, unknown>>();

/**
 * The container with a port only some functions need (SES, SQS, Secrets Manager: shared/email.ts,
 * queue.ts, token-secrets.ts), built once per container on first use — so that the shared
 * container imports none of their clients and no other function bundles them. A port given as an
 * override (tests) wins. The result is a view of the container: its other lazy parts stay lazy.
 */
export function withPort<C extends Container, K extends "mailer" | "queue" | "tokenSecrets">(
  container: C,
  key: K,
  build: () => NonNullable<Container[K]>,
): C & { readonly [P in K]-?: NonNullable<Container[K]> } {
  type Extended = C & { readonly [P in K]-?: NonNullable<Container[K]> };
  if (container[key] !== undefined) return container as Extended;
  const ports = extended.get(container) ?? new Map<string, unknown>();
  extended.set(container, ports);
  if (!ports.has(key)) ports.set(key, build());
  return Object.create(container, { [key]: { value: ports.get(key), enumerable: true } }) as Extended;
}

/** One adapter per container, built on first use. */
export function perContainer<T>(build: (container: Container) => T): (container: Container) => T {
  const built = new WeakMap<Container, T>();
  return (container) => {
    let value = built.get(container);
    if (value === undefined) {
      value = build(container);
      built.set(container, value);
    }
    return value;
  };
}

let current: Container | undefined;
const scoped = new AsyncLocalStorage<() => Container>();

/**
 * The ports of the function being run: in Lambda, one container per cold start from the
 * environment; under `npm start`, the container of the handler being invoked (runWithContainer),
 * so that each handler sees only its own grants.
 */
export function container(): Container {
  const local = scoped.getStore();
  if (local) return local();
  current ??= buildContainer(readRuntimeConfig());
  return current;
}

/** Runs `fn` (one invocation) with `provide` answering container(): for the local server. */
export function runWithContainer<T>(provide: () => Container, fn: () => T): T {
  return scoped.run(provide, fn);
}

/** For the local server and tests: replace the process-wide container (e.g. a movable clock). */
export function setContainer(next: Container | undefined): void {
  current = next;
}
