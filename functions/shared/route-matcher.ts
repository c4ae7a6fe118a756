/**
 * Route matching as API Gateway (HTTP API) does it, over the route manifest: used by the local
 * server to pick a handler and by the `$default` route's handler to tell an unknown path (404) from
 * a known path asked with the wrong method (405). Pure: no I/O.
 */
import { DEFAULT_ROUTE_PATH, type RouteSpec } from "../manifests/routes";

export interface RouteMatch {
  readonly route: RouteSpec;
  /** URL-decoded values by parameter name; empty when the route has none. */
  readonly pathParameters: Record<string, string>;
}

type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string }
  | { kind: "greedy"; name: string };

/**
 * Builds a matcher over API Gateway route paths. Like API Gateway, the most specific route wins:
 * comparing segment by segment, a literal beats `{param}`, which beats a greedy `{param+}` (which
 * matches one or more remaining segments and must come last).
 */
export function createRouteMatcher(routes: readonly RouteSpec[]) {
  const compiled = routes
    .filter((route) => route.path !== DEFAULT_ROUTE_PATH)
    .map((route) => ({ route, segments: parsePath(route.path) }));
  return (method: string, path: string): RouteMatch | undefined => {
    const parts = splitPath(path);
    let best: { match: RouteMatch; rank: number[] } | undefined;
    for (const { route, segments } of compiled) {
      if (route.method !== method.toUpperCase()) continue;
      const matched = matchSegments(segments, parts);
      if (matched && (!best || compareRanks(matched.rank, best.rank) > 0)) {
        best = { match: { route, pathParameters: matched.params }, rank: matched.rank };
      }
    }
    return best?.match;
  };
}

function parsePath(path: string): Segment[] {
  const segments = splitPath(path).map((part): Segment => {
    const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (!param) return { kind: "literal", text: part };
    return param[2]
      ? { kind: "greedy", name: param[1] as string }
      : { kind: "param", name: param[1] as string };
  });
  if (segments.slice(0, -1).some((segment) => segment.kind === "greedy")) {
    throw new Error(`Route ${path}: a greedy {name+} parameter must be the last segment`);
  }
  return segments;
}

/** `/v1/reports/ABC` → ["v1", "reports", "ABC"]; a trailing slash is a distinct (empty) segment. */
function splitPath(path: string): string[] {
  return path.split("/").slice(1);
}

const RANK = { literal: 2, param: 1, greedy: 0 } as const;

function matchSegments(segments: readonly Segment[], parts: readonly string[]) {
  const params: Record<string, string> = {};
  const rank: number[] = [];
  for (const [i, segment] of segments.entries()) {
    rank.push(RANK[segment.kind]);
    if (segment.kind === "greedy") {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join("") === "") return undefined;
      params[segment.name] = safeDecode(rest.join("/"));
      return { params, rank };
    }
    const part = parts[i];
    if (part === undefined || part === "") return undefined;
    if (segment.kind === "literal" && part !== segment.text) return undefined;
    if (segment.kind === "param") params[segment.name] = safeDecode(part);
  }
  return parts.length === segments.length ? { params, rank } : undefined;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The methods some route serves at `path` (for a 405's Allow header); empty when none does. */
export function allowedMethods(routes: readonly RouteSpec[], path: string): string[] {
  const match = createRouteMatcher(routes);
  const methods = new Set(routes.filter((r) => r.path !== DEFAULT_ROUTE_PATH).map((r) => r.method));
  return [...methods].filter((method) => match(method, path) !== undefined).sort();
}
