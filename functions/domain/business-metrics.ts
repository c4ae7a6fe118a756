/**
 * The business figures operators watch (issue 13), counted where every committed change passes
 * exactly once on its way out: the table's stream. Pure: from the routed items, the metric points.
 *
 * - ReportsFiled, by kind and channel (direct, api, open311), from each report's first version;
 * - one count per lifecycle event that matters: verifications, dispatches, follow-ups published,
 *   escalations (by clock and level), automatic resolutions, resolutions, archivals, returns,
 *   attachment rejections.
 * (The stream may redeliver a batch after a failure, so a count can run high, never low.)
 */
export interface MetricItem {
  readonly entity?: string;
  readonly version?: number;
  readonly kind?: string;
  readonly channel?: string;
  readonly type?: string;
  readonly clock?: string;
  readonly level?: number;
}

export interface BusinessPoint {
  readonly name: string;
  readonly value: number;
  readonly dimensions?: Readonly<Record<string, string>>;
}

const EVENT_METRICS: Readonly<Record<string, string>> = {
  verified: "ReportsVerified",
  dispatched: "ReportsDispatched",
  follow_up_published: "FollowUpsPublished",
  auto_resolved: "ReportsAutoResolved",
  resolved: "ReportsResolved",
  archived: "ReportsArchived",
  returned: "ReportsReturned",
  attachment_rejected: "AttachmentsRejected",
};

export function businessMetrics(items: readonly MetricItem[]): BusinessPoint[] {
  const counts = new Map<string, { name: string; value: number; dimensions?: Record<string, string> }>();
  const add = (name: string, dimensions?: Record<string, string>) => {
    const key = `${name}|${JSON.stringify(dimensions ?? {})}`;
    const point = counts.get(key) ?? { name, value: 0, ...(dimensions && { dimensions }) };
    point.value += 1;
    counts.set(key, point);
  };
  for (const item of items) {
    if (item.entity === "report" && item.version === 1)
      add("ReportsFiled", { kind: item.kind ?? "unknown", channel: item.channel ?? "direct" });
    if (item.entity !== "event" || item.type === undefined) continue;
    if (item.type === "escalated")
      add("Escalations", { clock: item.clock ?? "unknown", level: String(item.level ?? 0) });
    const name = EVENT_METRICS[item.type];
    if (name) add(name);
  }
  return [...counts.values()];
}
