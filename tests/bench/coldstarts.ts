/**
 * `npm run bench:coldstarts` — how many cold starts do people meet, for three ways of cutting the
 * HTTP routes into Lambda functions, at three deployment sizes? (Issue 13; the decision it informs
 * is in docs/decisions.md.)
 *
 * The model, stated so it can be argued with:
 * - Traces of four weeks, generated (seeded, so every run is the same) for a regency (~700 reports a
 *   year), a province (~10,000) and the nation (~1,000,000). Citizens file at any hour, more by day
 *   (WIB), look at the categories first, and track their report three times (a minute later, after
 *   two days, after a week), and a third of them reply or rate. Public pages (stats, listing) are
 *   read once per two reports.
 * - Staff work in sittings on working days, 08:00–16:00 WIB: each agency's admins and each unit's
 *   officers open the console twice a day (when there is work) and work through their inbox: the
 *   inbox, then for each report the report and one action (verify, dispatch, draft, publish),
 *   30–90 s apart. Agencies: the nation 1 national admin team + 514 regencies/cities with 8 units
 *   each; a province 35 regencies; a regency itself with 8 units.
 * - A function's execution environment serves one request at a time (warm: 80 ms; cold: +600 ms
 *   init) and is reclaimed after IDLE_MINUTES (default 10) without a request; Lambda does not
 *   publish this, observations range from 5 to 60 minutes. The table also shows 5 and 30.
 * - Jobs (queue consumers, the sweep) are functions of their own under every cutting: not counted.
 *
 * Cuttings: one function per route, one per privilege group (public intake, public reads, reporter
 * actions, staff reads, staff actions, directory and channel admin, machine sync), by audience as
 * deployed (the route manifest's FUNCTION_GROUPS), and one function for the whole API.
 */
import { pathToFileURL } from "node:url";
import { ROUTES, type RouteSpec } from "../../functions/manifests/routes";

const DAY = 86_400_000;
const MIN = 60_000;
const WIB = 7 * 3600_000;
const WARM_MS = 80;
const INIT_MS = 600;

/** Seeded PRNG (mulberry32): the same traces on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Request {
  readonly at: number;
  readonly route: string;
  /** The staff sitting it belongs to, if any. */
  readonly session?: number;
}

interface Size {
  readonly name: string;
  readonly reportsPerYear: number;
  /** Agencies whose admins verify and dispatch, and units (each with officers) below them. */
  readonly agencies: number;
  readonly unitsPerAgency: number;
}

const SIZES: readonly Size[] = [
  { name: "regency (~700/yr)", reportsPerYear: 700, agencies: 1, unitsPerAgency: 8 },
  { name: "province (~10,000/yr)", reportsPerYear: 10_000, agencies: 35, unitsPerAgency: 8 },
  { name: "nation (~1,000,000/yr)", reportsPerYear: 1_000_000, agencies: 515, unitsPerAgency: 8 },
];

const R = {
  file: "POST /v1/reports",
  track: "GET /v1/reports/{trackingId}",
  categories: "GET /v1/categories",
  message: "POST /v1/reports/{trackingId}/messages",
  feedback: "POST /v1/reports/{trackingId}/feedback",
  stats: "GET /v1/stats",
  listing: "GET /v1/public/reports",
  inbox: "GET /v1/inbox",
  staffReport: "GET /v1/staff/reports/{trackingId}",
  verify: "POST /v1/reports/{trackingId}/verify",
  dispatch: "POST /v1/reports/{trackingId}/dispatch",
  followUp: "POST /v1/reports/{trackingId}/follow-ups",
  publish: "POST /v1/reports/{trackingId}/follow-ups/{followUpId}/publish",
} as const;

/** Local hour of an instant (WIB) and whether it falls on a weekday. */
function wib(at: number): { hour: number; weekday: boolean } {
  const local = new Date(at + WIB);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours() + local.getUTCMinutes() / 60, weekday: day >= 1 && day <= 5 };
}

function traces(size: Size, days: number, seed: number): Request[] {
  const rnd = random(seed);
  const start = Date.UTC(2026, 10, 2, -7); // Monday 2 November 2026, 00:00 WIB
  const requests: Request[] = [];
  const reports = Math.round((size.reportsPerYear * days) / 365);
  // Work waiting in each inbox: [agency or unit index] → number of reports.
  const waiting = new Map<string, number>();
  for (let i = 0; i < reports; i++) {
    // Citizens: more by day (06–22 WIB three times as likely).
    let at: number;
    do at = start + rnd() * days * DAY;
    while (!(wib(at).hour >= 6 && wib(at).hour < 22) && rnd() < 2 / 3);
    if (rnd() < 0.8) requests.push({ at: at - 30_000, route: R.categories });
    requests.push({ at, route: R.file });
    for (const later of [MIN, 2 * DAY, 7 * DAY])
      requests.push({ at: at + later + rnd() * 3600_000, route: R.track });
    if (rnd() < 1 / 3)
      requests.push({ at: at + 10 * DAY + rnd() * DAY, route: rnd() < 0.5 ? R.message : R.feedback });
    if (rnd() < 0.5) requests.push({ at: at + rnd() * DAY, route: rnd() < 0.5 ? R.stats : R.listing });
    const agency = Math.floor(rnd() * size.agencies);
    const unit = Math.floor(rnd() * size.unitsPerAgency);
    // Each report waits for: the agency (verify), the agency (dispatch), the unit (draft), the liaison (publish).
    for (const [who, action] of [
      [`a${agency}`, R.verify],
      [`a${agency}`, R.dispatch],
      [`u${agency}.${unit}`, R.followUp],
      [`l${agency}.${unit}`, R.publish],
    ] as const)
      waiting.set(`${who}|${action}`, (waiting.get(`${who}|${action}`) ?? 0) + 1);
  }
  // Staff sittings: twice a working day per desk with work, each report taking two requests.
  let session = 0;
  const desks = [...waiting];
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY;
    if (!wib(dayStart + 12 * 3600_000).weekday) continue;
    for (const [desk, total] of desks) {
      const perSitting = total / (days * (5 / 7) * 2);
      for (const sitting of [9, 13.5]) {
        let items = Math.floor(perSitting) + (rnd() < perSitting % 1 ? 1 : 0);
        if (items === 0) continue;
        const action = desk.split("|")[1] as string;
        let at = dayStart + (sitting - 7 + rnd() * 2.5) * 3600_000;
        session++;
        requests.push({ at, route: R.inbox, session });
        while (items-- > 0) {
          at += 30_000 + rnd() * 60_000;
          requests.push({ at, route: R.staffReport, session });
          at += 30_000 + rnd() * 60_000;
          requests.push({ at, route: action, session });
        }
      }
    }
  }
  return requests.sort((a, b) => a.at - b.at);
}

type Cutting = (route: RouteSpec) => string;

/** The privilege a route needs: who calls it and what it may change. */
function privilegeGroup(route: RouteSpec): string {
  const { method, path, auth } = route;
  if (path.startsWith("/v1/sync/")) return "machine-sync";
  if (auth === "staff") {
    if (/^\/v1\/(agencies|api-keys)/.test(path) && path !== "/v1/agencies") return "admin";
    if (path === "/v1/agencies") return "admin";
    return method === "GET" ? "staff-reads" : "staff-actions";
  }
  if (method === "GET" || method === "ANY") return "public-reads";
  if (path === "/v1/reports" || path.startsWith("/open311/") || path.includes("/access-token"))
    return "public-intake";
  return "reporter-actions";
}

const CUTTINGS: readonly [string, Cutting][] = [
  ["one per route", (route) => `${route.method} ${route.path}`],
  ["by privilege", privilegeGroup],
  // As deployed: the route manifest's FUNCTION_GROUPS (a route's `handler` is its function).
  ["by audience", (route) => route.handler],
  ["one API function", () => "api"],
];

interface Outcome {
  readonly requests: number;
  readonly cold: number;
  readonly sessions: number;
  readonly coldInSessions: number;
  readonly functions: number;
}

function simulate(requests: readonly Request[], cut: Cutting, idleMs: number): Outcome {
  const byKey = new Map(ROUTES.map((route) => [`${route.method} ${route.path}`, route]));
  /** Per function: its environments' `free at` and `last used` instants. */
  const pools = new Map<string, { free: number; last: number }[]>();
  let cold = 0;
  let coldInSessions = 0;
  const sessions = new Set<number>();
  for (const request of requests) {
    const route = byKey.get(request.route);
    if (!route) throw new Error(`no route ${request.route}`);
    const fn = cut(route);
    const pool = pools.get(fn) ?? [];
    pools.set(fn, pool);
    // Reclaimed environments go; a warm, idle one serves; otherwise a new one starts cold.
    for (let i = pool.length - 1; i >= 0; i--)
      if (request.at - (pool[i]?.last ?? 0) > idleMs) pool.splice(i, 1);
    const warm = pool.filter((env) => env.free <= request.at).sort((a, b) => b.last - a.last)[0];
    const env = warm ?? { free: 0, last: 0 };
    if (!warm) {
      pool.push(env);
      cold++;
      if (request.session !== undefined) coldInSessions++;
    }
    env.free = request.at + WARM_MS + (warm ? 0 : INIT_MS);
    env.last = env.free;
    if (request.session !== undefined) sessions.add(request.session);
  }
  return { requests: requests.length, cold, sessions: sessions.size, coldInSessions, functions: pools.size };
}

/** Prints the table (when run as the bench, not when imported for its cuttings). */
function main(): void {
  const days = Number(process.env.BENCH_DAYS ?? 28);
  const idles = (process.env.IDLE_MINUTES ?? "10,5,30").split(",").map(Number);
  console.log(`Cold starts over ${days} days of generated traffic (model: tests/bench/coldstarts.ts)\n`);
  for (const idle of idles) {
    console.log(`Idle environments reclaimed after ${idle} minutes`);
    console.log(
      `${"deployment".padEnd(24)}${"cutting".padEnd(18)}${"requests".padStart(10)}${"functions".padStart(10)}${"cold /1000".padStart(12)}${"cold /staff sitting".padStart(21)}`,
    );
    for (const [i, size] of SIZES.entries()) {
      const trace = traces(size, days, 1000 + i);
      for (const [name, cut] of CUTTINGS) {
        const o = simulate(trace, cut, idle * MIN);
        console.log(
          `${size.name.padEnd(24)}${name.padEnd(18)}${String(o.requests).padStart(10)}${String(o.functions).padStart(10)}${((1000 * o.cold) / o.requests).toFixed(1).padStart(12)}${(o.coldInSessions / Math.max(1, o.sessions)).toFixed(2).padStart(21)}`,
        );
      }
    }
    console.log("");
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
