import { container } from "../shared/container";
import { logger } from "../shared/logger";
import { sweepOverdue } from "../use-cases/sweep-overdue";

/** EventBridge Scheduler target: queue every due action (the payload carries nothing we need). */
export const handler = async (): Promise<{ queued: number; consumedReadUnits: number }> => {
  const result = await sweepOverdue(container());
  logger.info("sweep finished", { ...result });
  return { queued: result.queued, consumedReadUnits: result.consumedReadUnits };
};
