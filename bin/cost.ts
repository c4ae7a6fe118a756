/**
 * `npm run cost -- [--reports-per-year N] [--waf]` — what a deployment of Aduan costs a month at AWS list
 * prices: for N reports a year, or for the three sizes of the cold-start model (a regency, a
 * province, the nation). A model, not a quote: every assumption is a named constant below.
 *
 * Where the figures come from:
 * - Requests per report: the traffic model of `npm run bench:coldstarts` (≈ 17 API requests per
 *   report: filing, categories, three trackings, a reply or rating for a third, public pages,
 *   staff inbox, report and action four times).
 * - DynamoDB round trips per operation: asserted by tests/integration/round-trips.test.ts (intake 1
 *   transaction, tracking 1 Query, a staff action a Query and a transaction, an inbox page a Query a
 *   status and a BatchGet); capacity units per write measured by `npm run bench:stats` and the
 *   table design (a report item of ~3 KB written to the table and 5 inbox indexes, projected ALL).
 * - Lambda durations cannot be measured locally (a laptop says nothing about a 512 MB arm64
 *   Lambda): assumed 120 ms a request and 250 ms a job message, 512 MB.
 * - Prices: AWS list prices for us-east-1 as published in November 2026 (Jakarta, ap-southeast-3,
 *   lists most of these 10–25% higher: multiply the total by about 1.2), pay-per-request, no free tier.
 * - The web app (issue 14): every API request and every page load passes CloudFront; a citizen or
 *   staff member loads the app about 5 times a report (≈ 60 KB each, the scripts cached after the
 *   first), an API answer averages 5 KB. CloudFront's always-free tier (1 TB and 10 million requests
 *   a month) covers all three sizes; the lines below are priced without it, like everything else.
 *   WAF (`web.waf.enabled`) is counted only with `--waf`.
 * - Not counted: Cognito (staff are far below the 10,000 monthly active users its Essentials plan
 *   includes; the Plus plan's threat protection is priced per user), data transfer out of the API
 *   other than through CloudFront.
 */
const PRICES = {
  apiPerMillion: 1.0, // HTTP API requests
  lambdaRequestPerMillion: 0.2,
  lambdaGbSecondArm: 0.0000133334,
  ddbWritePerMillion: 0.625, // on-demand write request units
  ddbReadPerMillion: 0.125, // on-demand read request units
  ddbStorageGbMonth: 0.25,
  ddbPitrGbMonth: 0.2,
  sqsPerMillion: 0.4,
  sesPerThousand: 0.1,
  logsIngestGb: 0.5,
  logsStorageGbMonth: 0.03,
  alarmMonth: 0.1,
  dashboardMonth: 3.0,
  customMetricMonth: 0.3,
  secretMonth: 0.4,
  s3GbMonth: 0.023,
  cloudFrontHttpsPer10k: 0.012, // Asia Pacific edge locations
  cloudFrontGbOut: 0.12, // Asia Pacific, first 10 TB
  wafWebAclMonth: 5.0,
  wafRuleMonth: 1.0,
  wafPerMillion: 0.6,
} as const;

const ASSUME = {
  apiRequestsPerReport: 17,
  /** Writes (each a transaction) per report over its life: filing, verify, dispatch, 2 follow-ups, resolution, 2 more. */
  writesPerReport: 8,
  /** Write units per report write: ~3 KB item in the table and 5 ALL-projected inbox indexes, transactional (×2). */
  wcuPerWrite: 66,
  /** Read units per API request, averaged (a report partition ~2, an inbox page ~10, stats a few). */
  rcuPerRequest: 4,
  /** Figures: one ledger read and a 7-item transaction per figure-changing write (bench:stats: 14 WCU). */
  figuresWcuPerWrite: 14,
  /** Queue messages per report: figures and notifications per write, escalations, webhooks, SES. */
  sqsRequestsPerReport: 8 * 2 * 3, // send, receive, delete for two queues a write
  emailsPerReport: 3,
  jobMessagesPerReport: 8 * 2,
  httpMs: 120,
  jobMs: 250,
  memoryGb: 0.5,
  /** Stored per report (items, indexes, timeline, ledger) and log bytes per request. */
  storageKbPerReport: 40,
  logKbPerRequest: 1.5,
  /** Attachments: a third of reports carry 2 photos of 1.5 MB. */
  attachmentMbPerReport: 1,
  /** Fixed: alarms, dashboard, custom metric series (by dimension), the access-token secret. */
  alarms: 45,
  customMetrics: 40,
  secrets: 1,
  /** The web app: page loads per report, KB per page load and per API answer. */
  pageLoadsPerReport: 5,
  pageKb: 60,
  apiAnswerKb: 5,
  /** WAF rules: the filing rate limit and Amazon's IP reputation list. */
  wafRules: 2,
} as const;

interface Bill {
  readonly [line: string]: number;
}

export function monthlyBill(reportsPerYear: number, yearsOfData = 2, waf = false): Bill {
  const reports = reportsPerYear / 12;
  const requests = reports * ASSUME.apiRequestsPerReport;
  const writes = reports * ASSUME.writesPerReport;
  const jobMessages = reports * ASSUME.jobMessagesPerReport;
  const gbSeconds = ((requests * ASSUME.httpMs + jobMessages * ASSUME.jobMs) / 1000) * ASSUME.memoryGb;
  const storedGb = (reportsPerYear * yearsOfData * ASSUME.storageKbPerReport) / 1024 / 1024;
  const logGb = ((requests + jobMessages) * ASSUME.logKbPerRequest) / 1024 / 1024;
  const pageLoads = reports * ASSUME.pageLoadsPerReport;
  const edgeRequests = requests + pageLoads * 3; // the page, its script and its styles
  const edgeGb = (requests * ASSUME.apiAnswerKb + pageLoads * ASSUME.pageKb) / 1024 / 1024;
  return {
    "API Gateway (HTTP API)": (requests / 1e6) * PRICES.apiPerMillion,
    "Lambda requests": ((requests + jobMessages) / 1e6) * PRICES.lambdaRequestPerMillion,
    "Lambda duration": gbSeconds * PRICES.lambdaGbSecondArm,
    "DynamoDB writes":
      ((writes * (ASSUME.wcuPerWrite + ASSUME.figuresWcuPerWrite)) / 1e6) * PRICES.ddbWritePerMillion,
    "DynamoDB reads": ((requests * ASSUME.rcuPerRequest + writes * 4) / 1e6) * PRICES.ddbReadPerMillion,
    "DynamoDB storage + PITR": storedGb * (PRICES.ddbStorageGbMonth + PRICES.ddbPitrGbMonth),
    SQS: ((reports * ASSUME.sqsRequestsPerReport) / 1e6) * PRICES.sqsPerMillion,
    "SES e-mail": ((reports * ASSUME.emailsPerReport) / 1000) * PRICES.sesPerThousand,
    "CloudWatch Logs": logGb * PRICES.logsIngestGb + logGb * 3 * PRICES.logsStorageGbMonth,
    "CloudWatch alarms, dashboard, metrics":
      ASSUME.alarms * PRICES.alarmMonth +
      PRICES.dashboardMonth +
      ASSUME.customMetrics * PRICES.customMetricMonth,
    "S3 attachments":
      ((reportsPerYear * yearsOfData * ASSUME.attachmentMbPerReport) / 1024) * PRICES.s3GbMonth,
    "Secrets Manager": ASSUME.secrets * PRICES.secretMonth,
    "CloudFront requests": (edgeRequests / 1e4) * PRICES.cloudFrontHttpsPer10k,
    "CloudFront data out": edgeGb * PRICES.cloudFrontGbOut,
    ...(waf && {
      "AWS WAF":
        PRICES.wafWebAclMonth +
        ASSUME.wafRules * PRICES.wafRuleMonth +
        (edgeRequests / 1e6) * PRICES.wafPerMillion,
    }),
  };
}

const withWaf = process.argv.includes("--waf");

function print(label: string, reportsPerYear: number): void {
  const bill = monthlyBill(reportsPerYear, 2, withWaf);
  const total = Object.values(bill).reduce((sum, v) => sum + v, 0);
  console.log(`\n${label}: ${reportsPerYear.toLocaleString("en")} reports a year (two years of data kept)`);
  for (const [line, usd] of Object.entries(bill))
    console.log(`  ${line.padEnd(40)}${`$${usd.toFixed(2)}`.padStart(12)}`);
  console.log(
    `  ${"total a month (us-east-1 list prices)".padEnd(40)}${`$${total.toFixed(2)}`.padStart(12)}`,
  );
  console.log(
    `  ${"in Jakarta (ap-southeast-3), about".padEnd(40)}${`$${(total * 1.2).toFixed(2)}`.padStart(12)}`,
  );
}

const flag = process.argv.indexOf("--reports-per-year");
if (flag >= 0) {
  const n = Number(process.argv[flag + 1]);
  if (!Number.isFinite(n) || n <= 0) {
    console.error("usage: npm run cost -- --reports-per-year <positive number>");
    process.exit(2);
  }
  print("Your deployment", n);
} else {
  print("A regency", 700);
  print("A province", 10_000);
  print("The nation", 1_000_000);
}
