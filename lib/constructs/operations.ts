import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface OperationsProps {
  readonly stage: string;
  readonly api: HttpApi;
  /** Every function of the stage (HTTP and jobs), by handler name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The work queues and their dead-letter queues, by queue name. */
  readonly queues: Readonly<Record<string, IQueue>>;
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /**
   * A message older than this in a work queue is an alarm (consumers fell behind or fail).
   * @default 15 minutes
   */
  readonly maxQueueAge?: Duration;
  /** @default 1 (%) of requests answered 5xx over 5 minutes */
  readonly max5xxPercent?: number;
  /** @default 3 seconds at the 99th percentile */
  readonly maxP99Latency?: Duration;
}

const PERIOD = Duration.minutes(5);

/**
 * The stage's operations view (issue 13): one CloudWatch dashboard — traffic, 4xx/5xx, p50/p99
 * latency, function errors and throttles, queue depths and ages, dead-letter queues, the sweep's
 * lag and due items, and the business counts — and the alarms an operator must hear of: API 5xx
 * rate, p99 latency, each function's errors, throttles, and each work queue's oldest message.
 * (Dead-letter queues and the sweep's schedule alarm in their own constructs.) Every alarm reaches
 * the operators' topic through the stack's alarm aspect.
 */
export class Operations extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { api, stage } = props;
    const alarms: Alarm[] = [];
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number, periods = 1) => {
      const made = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarms.push(made);
      return made;
    };

    const requests = api.metricCount({ period: PERIOD, statistic: "Sum" });
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: "Sum" });
    const clientErrors = api.metricClientError({ period: PERIOD, statistic: "Sum" });
    const p50 = api.metricLatency({ period: PERIOD, statistic: "p50" });
    const p99 = api.metricLatency({ period: PERIOD, statistic: "p99" });
    const errorRate = new MathExpression({
      expression: "100 * errors / MAX([requests, 1])",
      usingMetrics: { errors: serverErrors, requests },
      label: "5xx %",
      period: PERIOD,
    });
    alarm(
      "Api5xxRateAlarm",
      `More than ${props.max5xxPercent ?? 1}% of API requests answered 5xx over 5 minutes.`,
      errorRate,
      props.max5xxPercent ?? 1,
    );
    alarm(
      "ApiLatencyAlarm",
      `The API's 99th-percentile latency stayed above ${(props.maxP99Latency ?? Duration.seconds(3)).toSeconds()} s for 15 minutes.`,
      p99,
      (props.maxP99Latency ?? Duration.seconds(3)).toMilliseconds(),
      3,
    );

    // Function errors and throttles, ten functions an alarm (an alarm's math takes ten metrics, and a
    // stack 500 resources: one alarm per function would spend a tenth of them). The description
    // names the functions; the dashboard shows which one.
    const functions = [...props.functions].sort(([a], [b]) => a.localeCompare(b));
    for (let start = 0; start < functions.length; start += 10) {
      const chunk = functions.slice(start, start + 10);
      const names = chunk.map(([name]) => name).join(", ");
      const sum = (label: string, metric: (fn: IFunction) => IMetric) =>
        new MathExpression({
          expression: `SUM([${chunk.map((_, i) => `m${i}`).join(",")}])`,
          usingMetrics: Object.fromEntries(chunk.map(([, fn], i) => [`m${i}`, metric(fn)])),
          label,
          period: PERIOD,
        });
      const group = start / 10 + 1;
      alarm(
        `FunctionErrorsAlarm${group}`,
        `A function failed (an unhandled error or a timeout) in the last 5 minutes, one of: ${names}.`,
        sum("errors", (fn) => fn.metricErrors({ period: PERIOD, statistic: "Sum" })),
        0,
      );
      alarm(
        `FunctionThrottlesAlarm${group}`,
        `Lambda throttled a function (account concurrency), one of: ${names}.`,
        sum("throttles", (fn) => fn.metricThrottles({ period: PERIOD, statistic: "Sum" })),
        0,
      );
    }
    const maxAge = props.maxQueueAge ?? Duration.minutes(15);
    for (const [name, queue] of Object.entries(props.queues))
      alarm(
        `${pascal(name)}QueueAgeAlarm`,
        `A message has waited more than ${maxAge.toMinutes()} minutes in the ${name} queue: its consumer is behind or failing.`,
        queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: "Maximum" }),
        maxAge.toSeconds(),
      );
    this.alarms = alarms;

    const aduan = (metricName: string, statistic = "Sum") =>
      new Metric({
        namespace: "Aduan",
        metricName,
        dimensionsMap: { service: "aduan", stage },
        statistic,
        period: PERIOD,
      });
    const search = (expression: string, label: string, statistic = "Sum") =>
      new MathExpression({
        expression: `SEARCH('${expression}', '${statistic}', 300)`,
        label,
        period: PERIOD,
      });
    const lambdaSearch = (metricName: string) =>
      search(`{AWS/Lambda,FunctionName} MetricName="${metricName}" Aduan-${stage}-Stateless`, metricName);
    const queues = (fn: (q: IQueue) => IMetric, of: Readonly<Record<string, IQueue>>) =>
      Object.values(of).map(fn);
    const wide = (title: string, left: IMetric[], right?: IMetric[]) =>
      new GraphWidget({ title, left, ...(right && { right }), width: 12, height: 6 });

    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: `Aduan-${stage}`,
      widgets: [
        [
          new TextWidget({
            markdown: `# Aduan ${stage}\nAlarms notify the operators' topic. Figures by 5 minutes.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          wide("API traffic and errors", [requests, clientErrors, serverErrors]),
          wide("API latency (ms)", [p50, p99]),
        ],
        [
          wide("Function errors", [lambdaSearch("Errors")]),
          wide(
            "Function throttles and p99 duration",
            [lambdaSearch("Throttles")],
            [
              search(
                `{AWS/Lambda,FunctionName} MetricName="Duration" Aduan-${stage}-Stateless`,
                "p99 duration",
                "p99",
              ),
            ],
          ),
        ],
        [
          wide(
            "Queue depth (visible)",
            queues((q) => q.metricApproximateNumberOfMessagesVisible({ period: PERIOD }), props.queues),
          ),
          wide(
            "Oldest message (s)",
            queues((q) => q.metricApproximateAgeOfOldestMessage({ period: PERIOD }), props.queues),
          ),
        ],
        [
          wide(
            "Dead-letter queues (visible)",
            queues(
              (q) => q.metricApproximateNumberOfMessagesVisible({ period: PERIOD }),
              props.deadLetterQueues,
            ),
          ),
          wide("Sweep: due items and lag (s)", [aduan("SweepDueItems")], [aduan("SweepLag", "Maximum")]),
        ],
        [
          wide("Reports filed (by kind and channel)", [
            search(`{Aduan,channel,kind,service,stage} MetricName="ReportsFiled" stage="${stage}"`, "filed"),
          ]),
          wide(
            "Lifecycle",
            [
              "ReportsVerified",
              "ReportsDispatched",
              "FollowUpsPublished",
              "ReportsResolved",
              "ReportsAutoResolved",
              "AttachmentsRejected",
            ].map((name) => aduan(name)),
          ),
        ],
        [
          wide("Escalations (by clock and level)", [
            search(
              `{Aduan,clock,level,service,stage} MetricName="Escalations" stage="${stage}"`,
              "escalations",
            ),
          ]),
          wide("Notifications", [
            aduan("EmailsSent"),
            aduan("WebhooksQueued"),
            aduan("NotificationsFailed"),
            aduan("WebhookFailures"),
          ]),
        ],
      ],
    });
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}
