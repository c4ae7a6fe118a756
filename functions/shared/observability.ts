/**
 * What every job shares around its work: the logger gets the invocation's context (request id,
 * cold start, function name), each record's id becomes the correlation id of its log lines, and
 * the metrics the job recorded are published when it ends — also when it fails.
 */
import type { Context } from "aws-lambda";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { ENV } from "./runtime-config";

export function observedJob<E, R>(
  run: (event: E, context?: Context) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    metrics.setDefaultDimensions({ stage: process.env[ENV.stage] ?? "local" });
    try {
      return await run(event, context);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
