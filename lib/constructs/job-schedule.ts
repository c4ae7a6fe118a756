import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Effect, type IRole, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { type IScheduleTarget, Schedule, ScheduleExpression, TimeWindow } from "aws-cdk-lib/aws-scheduler";
import { ScheduleTargetBase, type ScheduleTargetBaseProps } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { deadLetterAlarm } from "./dead-letter-alarm";

export interface JobScheduleProps {
  /** The function the schedule invokes (asynchronously). */
  readonly function: IFunction;
  /** EventBridge Scheduler expression: `rate(...)` or a 6-field `cron(...)`. */
  readonly expression: string;
  /** IANA zone in which a `cron(...)` expression is read (a `rate(...)` ignores it). */
  readonly timeZone: string;
  /** @default - none */
  readonly description?: string;
  /**
   * Times Scheduler retries an invocation it could not deliver (throttled, function missing, …).
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * How long Scheduler keeps trying to deliver one invocation. A sweep that is late by more than its
   * own interval is superseded by the next run, so retrying it for longer only piles runs up.
   * @default Duration.minutes(15)
   */
  readonly maxEventAge?: Duration;
}

/**
 * An EventBridge Scheduler schedule that invokes one function: exact time (no flexible window), a
 * retry policy, an encrypted TLS-only dead-letter queue for invocations it could not deliver with
 * an alarm on it, and a role that may invoke that one function and write to that one queue.
 *
 * Scheduler invokes Lambda asynchronously, so an error thrown by the function is not a delivery
 * failure and never reaches this DLQ; `errorsAlarm` watches the function's own errors instead.
 *
 * The DLQ lives here, in the stateless stack, and is destroyed with it: it holds no report data,
 * only "the run at T was not delivered" records whose work the next run redoes (sweeps are
 * idempotent). Its purpose is the alarm.
 */
export class JobSchedule extends Construct {
  readonly schedule: Schedule;
  readonly role: Role;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: JobScheduleProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.deadLetterQueue = new Queue(this, "DeadLetterQueue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue IS a dead-letter queue: the EventBridge Scheduler schedule's DeadLetterConfig, which " +
        "cdk-nag only recognises for SQS redrive policies and Lambda DLQs; a DLQ behind it would only " +
        "move the problem, and its alarm reports every message.",
    });

    // Own role, so the trust policy and the grants are reviewed here: Scheduler may assume it only
    // for schedules of this account's default group, and it may invoke only this function.
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: {
          StringEquals: {
            "aws:SourceAccount": stack.account,
            "aws:SourceArn": stack.formatArn({
              service: "scheduler",
              resource: "schedule-group",
              resourceName: "default",
            }),
          },
        },
      }),
      description: `Invokes ${props.description ?? "a job"} from EventBridge Scheduler`,
    });

    this.schedule = new Schedule(this, "Schedule", {
      schedule: ScheduleExpression.expression(props.expression, TimeZone.of(props.timeZone)),
      description: props.description,
      // Deadlines fall at local day ends; the sweep should run on time, not up to N minutes later.
      timeWindow: TimeWindow.off(),
      target: new InvokeOneFunction(props.function, {
        role: this.role,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: props.retryAttempts ?? 3,
        maxEventAge: props.maxEventAge ?? Duration.minutes(15),
      }),
    });

    this.deadLetterAlarm = deadLetterAlarm(
      this,
      "DeadLetterAlarm",
      this.deadLetterQueue,
      `EventBridge Scheduler could not invoke ${props.description ?? "a job"}; see its DLQ.`,
    );

    this.errorsAlarm = new Alarm(this, "ErrorsAlarm", {
      alarmDescription: `${props.description ?? "A scheduled job"} threw; its work waits until a run succeeds.`,
      metric: props.function.metricErrors({ period: Duration.minutes(15), statistic: "Sum" }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

/**
 * `aws-scheduler-targets`' LambdaInvoke, but granting `lambda:InvokeFunction` on the function's
 * ARN only: LambdaInvoke uses `grantInvoke`, which adds `<arn>:*` (every version and alias), a
 * wildcard Scheduler never needs because it invokes the unqualified ARN.
 */
class InvokeOneFunction extends ScheduleTargetBase implements IScheduleTarget {
  constructor(
    private readonly target: IFunction,
    props: ScheduleTargetBaseProps,
  ) {
    super(props, target.functionArn);
  }

  protected override addTargetActionToRole(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["lambda:InvokeFunction"],
        resources: [this.target.functionArn],
      }),
    );
  }
}
