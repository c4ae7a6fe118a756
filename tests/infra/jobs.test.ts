import { beforeAll, describe, expect, it } from "vitest";
import { WorkingCalendar } from "../../functions/domain/calendar";
import { holidayDates, INDONESIA_HOLIDAYS_2026 } from "../../functions/domain/holidays-id";
import { parseSlaOverrides, slaPolicySchema } from "../../functions/domain/sla";
import type { JobSpec } from "../../functions/manifests/jobs";
import { ENV } from "../../functions/shared/runtime-config";
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from "../../lib/access";
import { buildApp } from "../../lib/app";
import { loadStageConfig, runtimeCalendar, runtimeSla, type StageConfig } from "../../lib/config";
import type { HandlerFunction } from "../../lib/constructs/handler-function";
import {
  asArray,
  type Cfn,
  EXTRA_JOBS,
  EXTRA_ROUTES,
  expectedS3Actions,
  handlerEntry,
  JOBS,
  jobEntry,
  logicalId,
  must,
  queueArnOutput,
  ROUTES,
  resourcesOf,
  type SynthesizedApp,
  statementsOfRole,
  synthApp,
} from "./helpers";

/** The manifests as shipped (dev), and with extra jobs and routes (prod). */
let shipped: SynthesizedApp;
let extended: SynthesizedApp;
const extendedJobs: readonly JobSpec[] = [...JOBS, ...EXTRA_JOBS];

beforeAll(() => {
  shipped = synthApp({ stage: "dev" });
  extended = synthApp({
    stage: "prod",
    jobs: extendedJobs,
    routes: [...ROUTES, ...EXTRA_ROUTES],
    handlerEntry,
  });
});

const apps = (): [SynthesizedApp, readonly JobSpec[]][] => [
  [shipped, JOBS],
  [extended, extendedJobs],
];

function jobFunction(app: SynthesizedApp, handler: string): HandlerFunction {
  return must(app.stateless.jobs.functions.get(handler), `function of job ${handler}`);
}

function resourceOf(app: SynthesizedApp, id: string): Cfn {
  return must(app.statelessTemplate.toJSON().Resources[id], id);
}

function actionsOf(statements: Record<string, Cfn>[]): string[] {
  return statements.flatMap((statement) => asArray<string>(statement.Action));
}

/** Output name when a resource is a cross-stack reference to the stateful stack. */
function outputName(resource: Cfn): string | undefined {
  return resource?.["Fn::GetStackOutput"]?.OutputName;
}

const CONSUME_ACTIONS = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  // Added by CDK's SqsEventSource grant; it reveals only the URL of this same queue.
  "sqs:GetQueueUrl",
  "sqs:ReceiveMessage",
];

describe("job functions", () => {
  it("one ARM64 Node.js 24 function per job, with the job timeout", () => {
    for (const [app, jobs] of apps()) {
      expect([...app.stateless.jobs.functions.keys()].sort()).toEqual(jobs.map((job) => job.handler).sort());
      for (const job of jobs) {
        const fn = resourceOf(app, logicalId(jobFunction(app, job.handler).function)).Properties;

        expect(fn.Architectures, job.handler).toEqual(["arm64"]);
        expect(fn.Runtime, job.handler).toBe("nodejs24.x");
        expect(fn.Handler, job.handler).toBe("index.handler");
        expect(fn.Description, job.handler).toBe(job.handler);
        expect(fn.Timeout, job.handler).toBe(app.config.lambda.jobTimeoutSeconds);
      }
    }
  });

  it("refuses a job whose handler file does not exist, naming the file", () => {
    expect(() =>
      buildApp({
        stage: "dev",
        jobEntry: (handler) => `functions/jobs/${handler}-missing.ts`,
        appProps: { postCliContext: { "aws:cdk:bundling-stacks": [] } },
      }),
    ).toThrow(/functions\/jobs\/sweep-overdue-missing\.ts does not exist/);
  });
});

describe("scheduled jobs", () => {
  it("each has an EventBridge Scheduler schedule with the stage's expression, targeting its function", () => {
    for (const [app, jobs] of apps()) {
      const scheduled = jobs.filter((job) => job.trigger.kind === "schedule");
      expect(resourcesOf(app.statelessTemplate, "AWS::Scheduler::Schedule")).toHaveLength(scheduled.length);
      expect(scheduled.length).toBeGreaterThan(0);

      for (const job of scheduled) {
        if (job.trigger.kind !== "schedule") continue;
        const jobSchedule = must(app.stateless.jobs.schedules.get(job.handler), `schedule of ${job.handler}`);
        const schedule = resourceOf(app, logicalId(jobSchedule.schedule)).Properties;
        const fnId = logicalId(jobFunction(app, job.handler).function);

        expect(schedule.ScheduleExpression).toBe(app.config.schedules[job.trigger.schedule]);
        expect(schedule.ScheduleExpression).toBe("rate(15 minutes)");
        expect(schedule.FlexibleTimeWindow).toEqual({ Mode: "OFF" });
        expect(schedule.State).toBe("ENABLED");
        expect(schedule.Target.Arn).toEqual({ "Fn::GetAtt": [fnId, "Arn"] });
        expect(schedule.Target.RoleArn).toEqual({ "Fn::GetAtt": [logicalId(jobSchedule.role), "Arn"] });
        expect(schedule.Target.DeadLetterConfig).toEqual({
          Arn: { "Fn::GetAtt": [logicalId(jobSchedule.deadLetterQueue), "Arn"] },
        });
        expect(schedule.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
        expect(schedule.Target.RetryPolicy.MaximumEventAgeInSeconds).toBeGreaterThanOrEqual(60);
      }
    }
  });

  it("reads a cron expression in the calendar's time zone", () => {
    const prod = loadStageConfig("prod");
    const config: StageConfig = {
      ...prod,
      calendar: { ...prod.calendar, timeZone: "Asia/Makassar" },
      schedules: { sweep: "cron(0/10 7-17 ? * MON-FRI *)" },
    };
    const app = synthApp({ config });
    const [, schedule] = must(resourcesOf(app.statelessTemplate, "AWS::Scheduler::Schedule")[0], "schedule");

    expect(schedule.Properties.ScheduleExpression).toBe("cron(0/10 7-17 ? * MON-FRI *)");
    expect(schedule.Properties.ScheduleExpressionTimezone).toBe("Asia/Makassar");
  });

  it("the scheduler's role may invoke only its function and write only to its DLQ", () => {
    for (const [app, jobs] of apps()) {
      for (const job of jobs.filter((candidate) => candidate.trigger.kind === "schedule")) {
        const jobSchedule = must(app.stateless.jobs.schedules.get(job.handler), job.handler);
        const fnId = logicalId(jobFunction(app, job.handler).function);
        const statements = statementsOfRole(app, jobSchedule.role).filter((s) => s.Effect === "Allow");

        expect(
          statements.map((s) => [asArray(s.Action), asArray(s.Resource)]),
          job.handler,
        ).toEqual(
          expect.arrayContaining([
            [["lambda:InvokeFunction"], [{ "Fn::GetAtt": [fnId, "Arn"] }]],
            [["sqs:SendMessage"], [{ "Fn::GetAtt": [logicalId(jobSchedule.deadLetterQueue), "Arn"] }]],
          ]),
        );
        expect(actionsOf(statements).sort(), job.handler).toEqual([
          "lambda:InvokeFunction",
          "sqs:SendMessage",
        ]);
        // No `<arn>:*` (every version and alias), no other function.
        const lambdaResources = statements
          .filter((s) => actionsOf([s]).includes("lambda:InvokeFunction"))
          .flatMap((s) => asArray(s.Resource));
        expect(lambdaResources, job.handler).toEqual([{ "Fn::GetAtt": [fnId, "Arn"] }]);

        const trust = resourceOf(app, logicalId(jobSchedule.role)).Properties.AssumeRolePolicyDocument
          .Statement;
        expect(trust).toHaveLength(1);
        expect(trust[0].Principal).toEqual({ Service: "scheduler.amazonaws.com" });
        expect(trust[0].Condition.StringEquals["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
      }
    }
  });

  it("each schedule's DLQ is encrypted and TLS-only, and alarms with the function's errors", () => {
    for (const [app, jobs] of apps()) {
      for (const job of jobs.filter((candidate) => candidate.trigger.kind === "schedule")) {
        const jobSchedule = must(app.stateless.jobs.schedules.get(job.handler), job.handler);
        const dlqId = logicalId(jobSchedule.deadLetterQueue);

        expect(resourceOf(app, dlqId).Properties.SqsManagedSseEnabled).toBe(true);
        const tlsOnly = resourcesOf(app.statelessTemplate, "AWS::SQS::QueuePolicy").some(
          ([, policy]) =>
            JSON.stringify(policy.Properties.Queues) === JSON.stringify([{ Ref: dlqId }]) &&
            policy.Properties.PolicyDocument.Statement.some(
              (s: Cfn) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false",
            ),
        );
        expect(tlsOnly, job.handler).toBe(true);

        const errors = resourceOf(app, logicalId(jobSchedule.errorsAlarm)).Properties;
        expect(errors).toMatchObject({ Namespace: "AWS/Lambda", MetricName: "Errors", Threshold: 0 });
        expect(errors.Dimensions).toEqual([
          { Name: "FunctionName", Value: { Ref: logicalId(jobFunction(app, job.handler).function) } },
        ]);
      }
    }
  });
});

describe("queue jobs", () => {
  it("each consumes its queue with partial batch failures, its batch size and a short batching window", () => {
    for (const [app, jobs] of apps()) {
      const consumers = jobs.filter((job) => job.trigger.kind === "queue");
      const streams = jobs.filter((job) => job.trigger.kind === "stream");
      const mappings = resourcesOf(app.statelessTemplate, "AWS::Lambda::EventSourceMapping");
      expect(mappings).toHaveLength(consumers.length + streams.length);
      expect(consumers.length).toBeGreaterThan(0);

      for (const job of consumers) {
        if (job.trigger.kind !== "queue") continue;
        const fnId = logicalId(jobFunction(app, job.handler).function);
        const forFunction = mappings.filter(([, m]) => m.Properties.FunctionName?.Ref === fnId);
        expect(forFunction, job.handler).toHaveLength(1);
        const mapping = must(forFunction[0], job.handler)[1].Properties;

        expect(outputName(mapping.EventSourceArn), job.handler).toBe(queueArnOutput(app, job.trigger.queue));
        expect(mapping.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
        expect(mapping.BatchSize).toBe(job.trigger.batchSize);
        expect(mapping.MaximumBatchingWindowInSeconds).toBeGreaterThan(0);
        expect(mapping.MaximumBatchingWindowInSeconds).toBeLessThanOrEqual(5);
      }
    }
  });

  it("each consumed queue's visibility timeout is at least six times its consumer's timeout", () => {
    for (const [app, jobs] of apps()) {
      for (const job of jobs) {
        if (job.trigger.kind !== "queue") continue;
        const queueId = logicalId(app.stateful.queues[job.trigger.queue].queue);
        const queue = app.statefulTemplate.toJSON().Resources[queueId].Properties;
        const fn = resourceOf(app, logicalId(jobFunction(app, job.handler).function)).Properties;

        expect(queue.VisibilityTimeout, job.handler).toBeGreaterThanOrEqual(6 * fn.Timeout);
      }
    }
  });
});

describe("the stream job", () => {
  it("is the stream's one reader: reports and timeline events only, bisected retries, partial failures, a failure queue", () => {
    for (const [app, jobs] of apps()) {
      const readers = jobs.filter((job) => job.trigger.kind === "stream");
      expect(readers.map((job) => job.handler)).toEqual(["route-changes"]);
      const table = app.statefulTemplate.toJSON().Resources[logicalId(app.stateful.table)].Properties;
      expect(table.StreamSpecification).toEqual({ StreamViewType: "NEW_IMAGE" });

      const fnId = logicalId(jobFunction(app, "route-changes").function);
      const [mapping] = resourcesOf(app.statelessTemplate, "AWS::Lambda::EventSourceMapping")
        .filter(([, m]) => m.Properties.FunctionName?.Ref === fnId)
        .map(([, m]) => m.Properties);
      expect(mapping).toMatchObject({
        StartingPosition: "TRIM_HORIZON",
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        MaximumRetryAttempts: 10,
      });
      expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({
        dynamodb: { NewImage: { entity: { S: ["report", "event"] } } },
      });
      expect(outputName(mapping.DestinationConfig.OnFailure.Destination)).toBe(
        queueArnOutput(app, "streamFailures"),
      );
    }
  });
});

describe("least privilege of jobs", () => {
  it("grants each job exactly its access, consume rights on its own queue only, and nothing else", () => {
    for (const [app, jobs] of apps()) {
      for (const job of jobs) {
        const statements = statementsOfRole(app, jobFunction(app, job.handler).role).filter(
          (s) => s.Effect === "Allow",
        );
        const actions = [...new Set(actionsOf(statements))];
        const service = (prefix: string) => actions.filter((action) => action.startsWith(prefix)).sort();

        const stream =
          job.trigger.kind === "stream"
            ? [
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:ListStreams",
              ]
            : [];
        const table =
          job.access.table === "readWrite"
            ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]
            : job.access.table === "read"
              ? [...TABLE_READ_ACTIONS]
              : [];
        expect(service("dynamodb:"), job.handler).toEqual([...table, ...stream].sort());
        expect(service("s3:"), job.handler).toEqual(expectedS3Actions(job.access));

        // SendMessage: exactly the sendTo queues.
        const sendTargets = statements
          .filter((s) => actionsOf([s]).includes("sqs:SendMessage"))
          .flatMap((s) => asArray(s.Resource).map(outputName));
        expect(sendTargets.sort(), job.handler).toEqual(
          [
            ...(job.access.sendTo ?? []).map((queue) => queueArnOutput(app, queue)),
            // A stream reader's failure destination.
            ...(job.trigger.kind === "stream" ? [queueArnOutput(app, "streamFailures")] : []),
          ].sort(),
        );

        // Consume actions: only for a queue trigger, only on that queue.
        const consume = statements.filter((s) => actionsOf([s]).some((a) => CONSUME_ACTIONS.includes(a)));
        if (job.trigger.kind === "queue") {
          expect(consume, job.handler).toHaveLength(1);
          // A job that queues its own continuation may have SendMessage merged into the statement.
          const sendsToItself = (job.access.sendTo ?? []).includes(job.trigger.queue);
          expect(actionsOf(consume).sort()).toEqual(
            sendsToItself ? [...CONSUME_ACTIONS, "sqs:SendMessage"].sort() : CONSUME_ACTIONS,
          );
          expect(asArray(consume[0]?.Resource).map(outputName)).toEqual([
            queueArnOutput(app, job.trigger.queue),
          ]);
        } else if (job.trigger.kind === "stream") {
          // SqsDlq's grant on the failure queue: send, and read its URL and attributes; no consuming.
          for (const statement of consume) {
            expect(actionsOf([statement]).sort()).toEqual([
              "sqs:GetQueueAttributes",
              "sqs:GetQueueUrl",
              "sqs:SendMessage",
            ]);
            expect(asArray(statement.Resource).map(outputName)).toEqual([
              queueArnOutput(app, "streamFailures"),
            ]);
          }
        } else {
          expect(consume, job.handler).toEqual([]);
        }

        expect(service("ses:"), job.handler).toEqual(job.access.email ? ["ses:SendEmail"] : []);
        const others = actions.filter((action) => !/^(dynamodb|sqs|s3|ses):/.test(action)).sort();
        expect(others, job.handler).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      }
    }
  });

  it("sweep-overdue only reads the table and only sends to escalations", () => {
    const statements = statementsOfRole(shipped, jobFunction(shipped, "sweep-overdue").role);
    const actions = actionsOf(statements);

    expect([...new Set(actions.filter((a) => a.startsWith("dynamodb:")))].sort()).toEqual(
      [...TABLE_READ_ACTIONS].sort(),
    );
    const sends = statements.filter((s) => actionsOf([s]).includes("sqs:SendMessage"));
    expect(sends.flatMap((s) => asArray(s.Resource).map(outputName))).toEqual([
      queueArnOutput(shipped, "escalations"),
    ]);
    expect(actions.filter((a) => a.startsWith("sqs:"))).toEqual(["sqs:SendMessage"]);
  });

  it("apply-escalation reads and writes the table and may send only to its own queue (its events notify through the stream)", () => {
    const statements = statementsOfRole(shipped, jobFunction(shipped, "apply-escalation").role);
    const actions = actionsOf(statements);

    expect([...new Set(actions.filter((a) => a.startsWith("dynamodb:")))].sort()).toEqual(
      [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort(),
    );
    const sends = statements.filter((s) => actionsOf([s]).includes("sqs:SendMessage"));
    expect(sends.flatMap((s) => asArray(s.Resource).map(outputName))).toEqual([
      queueArnOutput(shipped, "escalations"),
    ]);
  });

  it("e-mail is sent only from the stage's identity with its configuration set, and only by who e-mails", () => {
    const senders = [
      ...JOBS.filter((job) => job.access.email).map((job) => jobFunction(shipped, job.handler).role),
    ];
    expect(senders.length).toBeGreaterThan(0);
    for (const role of senders) {
      const statements = statementsOfRole(shipped, role).filter((s) =>
        actionsOf([s]).includes("ses:SendEmail"),
      );
      expect(statements).toHaveLength(1);
      expect(actionsOf(statements)).toEqual(["ses:SendEmail"]);
      const resources = JSON.stringify(asArray(statements[0]?.Resource));
      expect(resources).toContain(":identity/lapor.example.go.id");
      expect(resources).toContain(":configuration-set/aduan-dev");
      expect(resources).not.toContain("*");
    }
  });

  it("nobody may Scan, in either stack", () => {
    for (const [app] of apps()) {
      for (const template of [app.statefulTemplate, app.statelessTemplate]) {
        expect(JSON.stringify(template.toJSON()).toLowerCase()).not.toContain("dynamodb:scan");
      }
    }
  });
});

describe("calendar and SLA environment", () => {
  /** Every function of an app: route functions and job functions. */
  function allFunctions(app: SynthesizedApp): [string, Cfn][] {
    return resourcesOf(app.statelessTemplate, "AWS::Lambda::Function");
  }

  it("every function with table access gets CALENDAR_JSON and SLA_JSON that the domain accepts", () => {
    for (const [app] of apps()) {
      let withTable = 0;
      for (const [id, fn] of allFunctions(app)) {
        const variables = fn.Properties.Environment.Variables;
        if (variables[ENV.tableName] === undefined) {
          expect(variables[ENV.calendar], id).toBeUndefined();
          expect(variables[ENV.sla], id).toBeUndefined();
          continue;
        }
        withTable++;
        const calendar = JSON.parse(variables[ENV.calendar]);
        const sla = JSON.parse(variables[ENV.sla]);

        expect(calendar, id).toEqual(runtimeCalendar(app.config));
        expect(calendar.timeZone).toBe("Asia/Jakarta");
        expect(calendar.holidays).toEqual(expect.arrayContaining(holidayDates(INDONESIA_HOLIDAYS_2026)));
        expect(new WorkingCalendar(calendar).isWorkingDay("2026-08-17")).toBe(false); // Hari Kemerdekaan
        expect(new WorkingCalendar(calendar).isWorkingDay("2026-08-18")).toBe(true);

        expect(sla, id).toEqual(runtimeSla(app.config));
        expect(slaPolicySchema.parse(sla.defaults)).toEqual(app.config.sla.defaults);
        expect(parseSlaOverrides({ byAgency: sla.byAgency, byCategory: sla.byCategory })).toBeDefined();
      }
      expect(withTable).toBeGreaterThan(0);
    }
  });

  it("keeps every function's environment under Lambda's 4 KB, deploy-time values counted at 256 bytes", () => {
    const DEPLOY_TIME_VALUE = "x".repeat(256);
    for (const [app] of apps()) {
      for (const [id, fn] of allFunctions(app)) {
        const variables = Object.fromEntries(
          Object.entries<Cfn>(fn.Properties.Environment.Variables).map(([name, value]) => [
            name,
            typeof value === "string" ? value : DEPLOY_TIME_VALUE,
          ]),
        );
        expect(Buffer.byteLength(JSON.stringify(variables)), id).toBeLessThan(4096);
      }
    }
  });

  it("stops synth, naming the function, when the calendar would push an environment over 4 KB", () => {
    const dev = loadStageConfig("dev");
    const manyDates = Array.from({ length: 400 }, (_, i) =>
      new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    const config: StageConfig = { ...dev, calendar: { ...dev.calendar, holidays: manyDates } };
    const { app } = buildApp({
      config,
      jobEntry,
      appProps: { postCliContext: { "aws:cdk:bundling-stacks": [] } },
    });

    expect(() => app.synth()).toThrow(/Environment of functions\/http\/api-[a-z-]+\.ts is about \d+ bytes/);
  });
});

describe("dead-letter queues", () => {
  it("every DLQ in either stack — work queues' and schedules' — has exactly one alarm", () => {
    for (const [app] of apps()) {
      const dlqs: [SynthesizedApp["statefulTemplate"], string][] = [];
      for (const [, queue] of resourcesOf(app.statefulTemplate, "AWS::SQS::Queue")) {
        const target = queue.Properties.RedrivePolicy?.deadLetterTargetArn?.["Fn::GetAtt"]?.[0];
        if (target) dlqs.push([app.statefulTemplate, target]);
      }
      for (const [, schedule] of resourcesOf(app.statelessTemplate, "AWS::Scheduler::Schedule")) {
        dlqs.push([app.statelessTemplate, schedule.Properties.Target.DeadLetterConfig.Arn["Fn::GetAtt"][0]]);
      }
      // Every queue of the stateless stack is a schedule's DLQ: work queues live in the stateful one.
      expect(
        resourcesOf(app.statelessTemplate, "AWS::SQS::Queue")
          .map(([id]) => id)
          .sort(),
      ).toEqual(
        dlqs
          .filter(([template]) => template === app.statelessTemplate)
          .map(([, id]) => id)
          .sort(),
      );
      expect(dlqs.length).toBeGreaterThanOrEqual(3);

      for (const [template, dlqId] of dlqs) {
        const alarms = resourcesOf(template, "AWS::CloudWatch::Alarm").filter(([, alarm]) =>
          (alarm.Properties.Dimensions ?? []).some(
            (d: Cfn) =>
              d.Name === "QueueName" &&
              JSON.stringify(d.Value) === JSON.stringify({ "Fn::GetAtt": [dlqId, "QueueName"] }),
          ),
        );
        expect(alarms, dlqId).toHaveLength(1);
        expect(must(alarms[0], dlqId)[1].Properties).toMatchObject({
          MetricName: "ApproximateNumberOfMessagesVisible",
          ComparisonOperator: "GreaterThanThreshold",
          Threshold: 0,
        });
      }
    }
  });
});
