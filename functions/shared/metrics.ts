import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

/**
 * Business and job metrics in CloudWatch's embedded metric format (namespace Aduan, dimension
 * `service` = aduan and `stage`): written to the function's log and turned into metrics by
 * CloudWatch, with no API call. Published at the end of each job invocation (observability.ts).
 * `npm start` sets POWERTOOLS_METRICS_DISABLED, so its console stays readable.
 */
export const metrics = new Metrics({ namespace: "Aduan", serviceName: "aduan" });

export { MetricUnit };

/** One metric to add: a count unless stated, with extra dimensions when the breakdown matters. */
export interface MetricPoint {
  readonly name: string;
  readonly value: number;
  readonly unit?: (typeof MetricUnit)[keyof typeof MetricUnit];
  readonly dimensions?: Readonly<Record<string, string>>;
}

/** Adds the points; those with their own dimensions go out as a single metric each. */
export function record(points: readonly MetricPoint[]): void {
  for (const point of points) {
    const unit = point.unit ?? MetricUnit.Count;
    if (!point.dimensions) {
      metrics.addMetric(point.name, unit, point.value);
      continue;
    }
    const single = metrics.singleMetric();
    for (const [name, value] of Object.entries(point.dimensions)) single.addDimension(name, value);
    single.addMetric(point.name, unit, point.value);
  }
}
