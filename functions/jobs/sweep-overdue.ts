import { container } from "../shared/container";
import { logger } from "../shared/logger";
import { MetricUnit, record } from "../shared/metrics";
import { observedJob } from "../shared/observability";
import { withQueue } from "../shared/queue";
import { sweepOverdue } from "../use-cases/sweep-overdue";

/** EventBridge Scheduler target: queue every due action (the payload carries nothing we need). */
export const handler = observedJob(async (): Promise<{ queued: number; consumedReadUnits: number }> => {
  const result = await sweepOverdue(withQueue(container()));
  logger.info("sweep finished", { ...result });
  record([
    { name: "SweepDueItems", value: result.queued },
    { name: "SweepLag", value: result.lagSeconds, unit: MetricUnit.Seconds },
  ]);
  return { queued: result.queued, consumedReadUnits: result.consumedReadUnits };
});
