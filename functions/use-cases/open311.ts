/**
 * Open311 GeoReport v2 over Aduan's reports (public; filing needs a `reports:create` API key).
 *
 * - services / service definition: the leaf categories (domain/open311.ts).
 * - create: the key is checked (403 without a valid one), the form becomes a complaint
 *   (`reportFromFiling`), filed like any report and attributed to the key's channel; the answer is
 *   its tracking ID as `service_request_id`.
 * - list: `service_request_id` (comma-separated) overrides everything else and reads each report as
 *   the public tracking view allows (so an unverified one too, never a confidential one); otherwise
 *   the public index over `start_date`..`end_date` (at most 90 days; default the last 90), filtered
 *   by `service_code` and `status`, newest first, `page_size` (≤ 1,000, default 1,000) a `page`.
 * - read one / token: a report as the public tracking view allows; the token of a filing is its
 *   service_request_id (filings are never queued).
 */
import type { Directory } from "../domain/directory";
import { DomainError, detail } from "../domain/errors";
import {
  OPEN311_MAX_PAGE_SIZE,
  type Open311Filing,
  type Open311Request,
  open311Request,
  open311Services,
  reportFromFiling,
} from "../domain/open311";
import { MAX_LISTING_DAYS, rangeTooLong } from "../domain/public-listing";
import { text } from "../domain/text";
import { checkTrackingId } from "../domain/tracking-id";
import { type ApiKeyAuthPorts, authenticateApiKey } from "./authenticate-api-key";
import { readPublicIndex } from "./list-public-reports";
import type { Clock, DirectoryRepository, ReportRepository } from "./ports";
import { type SubmitReportPorts, submitReport } from "./submit-report";

export interface Open311ReadPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
}

const DAY_MS = 86_400_000;

function notFound(what: string): DomainError {
  return new DomainError("not_found", "not_found", text(`${what} tidak ditemukan.`, `${what} not found.`));
}

export async function open311ServiceList(ports: Pick<Open311ReadPorts, "directory">) {
  return open311Services(await ports.directory.load());
}

export async function open311ServiceDefinition(ports: Pick<Open311ReadPorts, "directory">, code: string) {
  const service = open311Services(await ports.directory.load()).find((s) => s.service_code === code);
  if (!service) throw notFound(`service_code ${code}`);
  // No category defines attributes (every service says metadata: false).
  return { service_code: service.service_code, attributes: [] };
}

export async function createOpen311Request(
  ports: SubmitReportPorts & ApiKeyAuthPorts,
  apiKey: string | undefined,
  filing: Open311Filing,
) {
  let key: Awaited<ReturnType<typeof authenticateApiKey>>;
  try {
    key = await authenticateApiKey(ports, apiKey, "reports:create");
  } catch (error) {
    // GeoReport answers every api_key problem with 403.
    if (error instanceof DomainError && (error.kind === "unauthorized" || error.kind === "forbidden"))
      throw new DomainError(
        "forbidden",
        error.code,
        error.code === "api_key_required"
          ? text("api_key diperlukan.", "api_key is required.")
          : error.code === "invalid_api_key"
            ? text("api_key tidak valid atau sudah dicabut.", "api_key is invalid or has been revoked.")
            : text(
                "api_key ini tidak boleh mengajukan laporan.",
                "This api_key may not file requests (reports:create).",
              ),
      );
    throw error;
  }
  const made = reportFromFiling(filing, await ports.directory.load());
  if ("problems" in made)
    throw new DomainError(
      "invalid",
      "invalid_input",
      text("Permintaan Open311 tidak valid.", made.problems.map((p) => p.description).join("; ")),
      made.problems.map((p) => detail(p.field, p.description, p.description)),
    );
  const { receipt } = await submitReport(ports, made.input, undefined, {
    keyId: key.id,
    name: key.name,
    via: "open311",
  });
  return [{ service_request_id: receipt.trackingId, service_notice: "", account_id: "" }];
}

export interface Open311ListQuery {
  readonly service_request_id?: string;
  readonly service_code?: string;
  readonly start_date?: string;
  readonly end_date?: string;
  readonly status?: "open" | "closed";
  readonly page?: number;
  readonly page_size?: number;
}

export async function listOpen311Requests(
  ports: Open311ReadPorts,
  query: Open311ListQuery,
): Promise<Open311Request[]> {
  const directory = await ports.directory.load();
  if (query.service_request_id !== undefined) {
    const ids = query.service_request_id
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean)
      .slice(0, OPEN311_MAX_PAGE_SIZE);
    const found = await Promise.all(ids.map((id) => readable(ports, id, directory)));
    return found.filter((r): r is Open311Request => r !== undefined);
  }
  const end = query.end_date ? new Date(query.end_date) : ports.clock.now();
  const start = query.start_date
    ? new Date(query.start_date)
    : new Date(end.getTime() - MAX_LISTING_DAYS * DAY_MS);
  if (start > end || rangeTooLong(start, end))
    throw new DomainError(
      "invalid",
      "invalid_input",
      text("Rentang tanggal tidak valid.", "Invalid date range."),
      [
        detail(
          "end_date",
          `paling lama ${MAX_LISTING_DAYS} hari setelah start_date`,
          `must not be before start_date, nor more than ${MAX_LISTING_DAYS} days after it`,
        ),
      ],
    );
  const pageSize = query.page_size ?? OPEN311_MAX_PAGE_SIZE;
  const page = query.page ?? 1;
  const { reports } = await readPublicIndex(ports.reports, directory, {
    from: start,
    to: end,
    filter: {
      ...(query.service_code !== undefined && { category: query.service_code }),
      ...(query.status === "closed" && { statuses: ["resolved"] }),
      ...(query.status === "open" && { statuses: ["dispatched", "in_progress", "on_hold"] }),
    },
    limit: page * pageSize,
    maxReads: 100,
  });
  return reports
    .slice((page - 1) * pageSize, page * pageSize)
    .map((report) => open311Request(report, directory));
}

export async function getOpen311Request(ports: Open311ReadPorts, id: string): Promise<Open311Request[]> {
  const request = await readable(ports, id, await ports.directory.load());
  if (!request) throw notFound(`service_request_id ${id}`);
  return [request];
}

/** A filing's token is its service_request_id (Aduan files at once). */
export async function open311Token(ports: Open311ReadPorts, token: string) {
  const [request] = await getOpen311Request(ports, token);
  return [{ service_request_id: request?.service_request_id ?? token, token }];
}

/** A report as the public tracking view allows: any but a confidential one. */
async function readable(
  ports: Open311ReadPorts,
  id: string,
  directory: Directory,
): Promise<Open311Request | undefined> {
  const checked = checkTrackingId(id);
  if (!checked.ok) return undefined;
  const stored = await ports.reports.load(checked.trackingId);
  if (!stored || stored.report.confidential) return undefined;
  return open311Request(stored.report, directory);
}
