/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2, frozen), mapped onto Aduan. Pure.
 *
 * - A service is a leaf category: `service_code` its code, `group` its parent's name, `type`
 *   realtime (a filing is a report at once), `metadata` false (categories define no attributes), so
 *   a service definition has no attributes.
 * - A request is a report. Reports filed through Open311 are complaints titled
 *   `<service name>: <the description's first words>` (or the service name and the address without
 *   a description), because GeoReport has neither a kind nor a title.
 * - Status: `closed` once resolved or archived, `open` otherwise. `status_notes` is the latest
 *   published follow-up, `agency_responsible` the holding agency's name, `expected_datetime` the
 *   running resolution deadline.
 * - Privacy: never a contact (GeoReport has no field for one in responses anyway), never a
 *   confidential report.
 */
import type { Directory } from "./directory";
import type { NewReportInput, Report } from "./report";

export const OPEN311_SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** When this endpoint's Open311 behaviour last changed (the discovery's changeset). */
export const OPEN311_CHANGESET = "2026-11-28T00:00:00Z";
export const OPEN311_MAX_DESCRIPTION = 4000;
export const OPEN311_MAX_PAGE_SIZE = 1000;

export type Open311Format = "json" | "xml";

export interface Open311Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  readonly metadata: boolean;
  readonly type: "realtime";
  readonly keywords: string;
  readonly group: string;
}

export function open311Services(directory: Directory): Open311Service[] {
  const categories = directory.listCategories();
  const parents = new Set(
    categories.map((c) => c.parentCode).filter((code): code is string => code !== null),
  );
  return categories
    .filter((category) => !parents.has(category.code))
    .map((category) => {
      const group = category.parentCode ? (directory.category(category.parentCode)?.name ?? "") : "";
      return {
        service_code: category.code,
        service_name: category.name,
        description: group ? `${group}: ${category.name}` : category.name,
        metadata: false,
        type: "realtime" as const,
        keywords: "",
        group,
      };
    });
}

export interface Open311Request {
  readonly service_request_id: string;
  readonly status: "open" | "closed";
  readonly status_notes: string;
  readonly service_name: string;
  readonly service_code: string;
  readonly description: string;
  readonly agency_responsible: string;
  readonly service_notice: string;
  readonly requested_datetime: string;
  readonly updated_datetime: string;
  readonly expected_datetime: string;
  readonly address: string;
  readonly address_id: string;
  readonly zipcode: string;
  readonly lat: number | "";
  readonly long: number | "";
  readonly media_url: string;
}

/** A report as an Open311 service request (the caller has made sure it is not confidential). */
export function open311Request(report: Report, directory: Directory): Open311Request {
  return {
    service_request_id: report.trackingId,
    status: report.status === "resolved" || report.status === "archived" ? "closed" : "open",
    status_notes: report.latestFollowUp ?? "",
    service_name: directory.category(report.category)?.name ?? report.category,
    service_code: report.category,
    description: report.description,
    agency_responsible: directory.agency(report.assignedAgencyId)?.name ?? report.assignedAgencyId,
    service_notice: "",
    requested_datetime: report.createdAt,
    updated_datetime: report.updatedAt,
    expected_datetime: report.deadlines?.resolution ?? "",
    address: report.location?.address ?? "",
    address_id: "",
    zipcode: "",
    lat: report.location?.lat ?? "",
    long: report.location?.lng ?? "",
    media_url: "",
  };
}

/** The fields of a POST requests form, as received (strings). */
export interface Open311Filing {
  readonly service_code?: string;
  readonly lat?: string;
  readonly long?: string;
  readonly address_string?: string;
  readonly address_id?: string;
  readonly email?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly phone?: string;
  readonly description?: string;
  readonly media_url?: string;
}

export type FilingProblem = { readonly field: string; readonly description: string };

/** The report a GeoReport filing becomes, or what is wrong with it (each problem names its field). */
export function reportFromFiling(
  filing: Open311Filing,
  directory: Directory,
): { readonly input: NewReportInput } | { readonly problems: FilingProblem[] } {
  const problems: FilingProblem[] = [];
  const service = filing.service_code
    ? open311Services(directory).find((s) => s.service_code === filing.service_code)
    : undefined;
  if (!filing.service_code) problems.push({ field: "service_code", description: "service_code is required" });
  else if (!service)
    problems.push({ field: "service_code", description: `unknown service_code ${filing.service_code}` });
  const lat = filing.lat === undefined || filing.lat === "" ? undefined : Number(filing.lat);
  const lng = filing.long === undefined || filing.long === "" ? undefined : Number(filing.long);
  const hasPoint = lat !== undefined || lng !== undefined;
  if (
    hasPoint &&
    (lat === undefined || lng === undefined || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180))
  )
    problems.push({ field: "lat", description: "lat and long must both be given, in degrees (WGS84)" });
  if (!hasPoint && !filing.address_string && !filing.address_id)
    problems.push({
      field: "address_string",
      description: "a location is required: lat and long, address_string or address_id",
    });
  const description = filing.description?.trim() ?? "";
  if (description.length > OPEN311_MAX_DESCRIPTION)
    problems.push({
      field: "description",
      description: `description is longer than ${OPEN311_MAX_DESCRIPTION} characters`,
    });
  if (filing.email !== undefined && filing.email !== "" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(filing.email))
    problems.push({ field: "email", description: "email is not an e-mail address" });
  if (filing.media_url && !/^https?:\/\/\S+$/.test(filing.media_url))
    problems.push({ field: "media_url", description: "media_url must be an http(s) URL" });
  if (problems.length > 0 || !service) return { problems };

  const address = [filing.address_string, filing.address_id ? `address_id ${filing.address_id}` : undefined]
    .filter(Boolean)
    .join("; ");
  const words = description.split(/\s+/).slice(0, 12).join(" ");
  const title = truncate(
    description
      ? `${service.service_name}: ${words}`
      : `${service.service_name}${address ? ` — ${address}` : ""}`,
    200,
  );
  const text = [
    description ||
      `${service.service_name}${address ? ` (${address})` : ""}, filed through Open311 without a description.`,
    ...(filing.media_url ? [`Media: ${filing.media_url}`] : []),
  ].join("\n\n");
  const name = [filing.first_name, filing.last_name].filter(Boolean).join(" ").trim();
  const reporter = {
    ...(name && { name: truncate(name, 200) }),
    ...(filing.email && { email: filing.email }),
    ...(filing.phone && { phone: truncate(filing.phone, 40) }),
  };
  return {
    input: {
      kind: "complaint",
      title: title.length >= 5 ? title : `${title} (Open311)`,
      description: text.length >= 10 ? text : `${text} (Open311)`,
      category: service.service_code,
      location: {
        ...(address && { address: truncate(address, 500) }),
        ...(lat !== undefined && lng !== undefined && { lat, lng }),
      },
      ...(Object.keys(reporter).length > 0 && { reporter }),
    },
  };
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** The discovery document of the endpoint at `baseUrl` (`…/open311/v2`). */
export function open311Discovery(baseUrl: string, contact: string) {
  return {
    changeset: OPEN311_CHANGESET,
    contact,
    key_service: "API keys with the reports:create scope are issued by an agency admin (POST /v1/api-keys).",
    endpoints: [
      {
        specification: OPEN311_SPECIFICATION,
        url: baseUrl,
        changeset: OPEN311_CHANGESET,
        type: "production",
        formats: ["text/xml", "application/json"],
      },
    ],
  };
}
