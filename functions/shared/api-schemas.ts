/**
 * The HTTP contract as zod schemas: they validate requests in the handlers and generate the
 * OpenAPI document (functions/shared/openapi.ts), so the two cannot disagree.
 */
import * as z from "zod";
import { AGENCY_LEVELS } from "../domain/directory";
import { ERROR_CODES } from "../domain/errors";
import {
  REPORT_STATUSES,
  type ReportStatus as ReportStatusValue,
  STAFF_ARCHIVE_REASONS,
} from "../domain/report";
import { LOCALES } from "../domain/text";
import { EXAMPLE_TRACKING_ID } from "../domain/tracking-id";
import { said } from "./validation-text";

/** C0 and C1 control characters except tab and newline (carriage returns become newlines first). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * Free text as people write it: line breaks unified to \n, NFC-normalised (so that é typed two
 * ways is one string), trimmed; a control character or a broken (lone surrogate) character is a
 * 400 naming the field, never stored.
 */
const trimmed = (min: number, max: number) =>
  z
    .string()
    .overwrite((text) => text.replace(/\r\n?/g, "\n").normalize("NFC"))
    .refine(
      (text) => !/\p{Cs}/u.test(text),
      said(
        "berisi karakter rusak (surrogate UTF-16 tunggal)",
        "contains a broken character (a lone UTF-16 surrogate)",
      ),
    )
    .refine(
      (text) => !CONTROL_CHARACTER.test(text),
      said(
        "berisi karakter kontrol (hanya tab dan baris baru yang diizinkan)",
        "contains a control character (only tab and newline are allowed)",
      ),
    )
    .trim()
    .min(min)
    .max(max);

/** WGS84 degrees, at most 7 decimals kept (about 1 cm): any JSON number in range is stored as given or rounded. */
const coordinate = (limit: number) =>
  z
    .number()
    .min(-limit)
    .max(limit)
    .transform((degrees) => Math.round(degrees * 1e7) / 1e7 + 0);

/** The earliest date a report may say it happened. */
export const EARLIEST_OCCURRED_ON = "2000-01-01";
const regionCode = z
  .string()
  .regex(
    /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/,
    said(
      "kode wilayah Kemendagri seperti 33, 33.16 atau 33.16.01",
      "a Kemendagri region code such as 33 or 33.16 or 33.16.01",
    ),
  );

export { AddedAttachment, AttachmentDownload, AttachmentView } from "../domain/attachments";
// The response views are declared once, in the domain, beside the code that builds them; the
// OpenAPI document and the contract check read them through these re-exports.
export { Agency, AgencyList, CategoryNode, CategoryTree } from "../domain/directory";
export { ExportView } from "../domain/exports";
export { ReindexJob } from "../domain/reindex-job";
export {
  CaseFile,
  FollowUpResult,
  InboxPage,
  Rankings,
  ReportKind,
  ReportStatus,
  ReportSummary,
  ReportView,
  Stats,
  SubmitReportReceipt,
} from "../domain/views";

import { ReportKind } from "../domain/views";

export const Location = z
  .strictObject({
    regionCode: regionCode.optional(),
    address: trimmed(1, 500).optional(),
    lat: coordinate(90).optional().meta({ description: "WGS84 latitude; at most 7 decimals are kept" }),
    lng: coordinate(180).optional().meta({ description: "WGS84 longitude; at most 7 decimals are kept" }),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), {
    message: said("lat dan lng harus diisi bersama", "lat and lng go together"),
    path: ["lat"],
  })
  .meta({ id: "Location" });

export const ReporterContact = z
  .strictObject({
    name: trimmed(1, 200).optional(),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .trim()
      .regex(
        /^\+?[0-9][0-9 ()-]{5,19}$/,
        said("nomor telepon seperti +62 812 3456 7890", "a phone number such as +62 812 3456 7890"),
      )
      .optional(),
  })
  .meta({
    id: "ReporterContact",
    description: "Never public; hidden from staff when the report is anonymous.",
  });

export const SubmitReportRequest = z
  .strictObject({
    kind: ReportKind,
    title: trimmed(5, 200),
    description: trimmed(10, 10_000),
    category: trimmed(1, 100).meta({ description: "A category code from GET /v1/categories" }),
    occurredOn: z.iso
      .date()
      .refine(
        (date) => date >= EARLIEST_OCCURRED_ON,
        said(`harus ${EARLIEST_OCCURRED_ON} atau sesudahnya`, `must be ${EARLIEST_OCCURRED_ON} or later`),
      )
      .optional()
      .meta({
        description: `Local date the problem occurred (YYYY-MM-DD), from ${EARLIEST_OCCURRED_ON} to today in the deployment's time zone`,
      }),
    location: Location.optional(),
    agencyId: trimmed(1, 100)
      .optional()
      .meta({ description: "The agency the citizen addresses (GET /v1/agencies)" }),
    anonymous: z
      .boolean()
      .optional()
      .meta({ description: "Hide the reporter's identity from staff and public" }),
    confidential: z.boolean().optional().meta({ description: "Never list or show the report publicly" }),
    reporter: ReporterContact.optional(),
    locale: z
      .enum(LOCALES)
      .optional()
      .meta({ description: "The language of the reporter's e-mails: id (default) or en" }),
  })
  .meta({ id: "SubmitReportRequest" });

const STATUS_LIST = new RegExp(`^(${REPORT_STATUSES.join("|")})(,(${REPORT_STATUSES.join("|")}))*$`);

export const InboxQuery = z
  .strictObject({
    status: z
      .string()
      .regex(
        STATUS_LIST,
        said(
          `satu atau lebih dari ${REPORT_STATUSES.join(", ")}, dipisahkan koma`,
          `one or more of ${REPORT_STATUSES.join(", ")}, separated by commas`,
        ),
      )
      .transform((list) => list.split(",") as ReportStatusValue[])
      .optional()
      .meta({
        description:
          "Comma-separated statuses; default: every open one (submitted, on_hold, dispatched, in_progress)",
        example: "submitted,on_hold",
      }),
    agencyId: trimmed(1, 100).optional(),
    cursor: z.string().max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    overdue: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional()
      .meta({ description: "true: only reports with a deadline already passed" }),
  })
  .meta({ id: "InboxQuery" });

const note = trimmed(1, 2000);
const agencyId = trimmed(1, 100);

/** At most ten years of figures in one request: the reads are agencies × months. */
export const MAX_STATS_MONTHS = 120;
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, said("bulan dalam bentuk YYYY-MM", "a month as YYYY-MM"))
  .meta({ example: "2022-01" });
const period = {
  from: month.optional().meta({ description: "First month (YYYY-MM, local); default: the current month" }),
  to: month.optional().meta({ description: "Last month, inclusive; default: the current month" }),
  format: z
    .enum(["json", "csv"])
    .optional()
    .meta({ description: "csv: one row per agency (also chosen by `Accept: text/csv`)" }),
};
const monthIndex = (value: string) => Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7));
const periodRefinement = {
  check: (query: { from?: string; to?: string }) =>
    query.from === undefined ||
    query.to === undefined ||
    (query.from <= query.to && monthIndex(query.to) - monthIndex(query.from) < MAX_STATS_MONTHS),
  message: said(
    `from tidak boleh setelah to, dan paling banyak ${MAX_STATS_MONTHS} bulan`,
    `from must not be after to, and at most ${MAX_STATS_MONTHS} months apart`,
  ),
};

export const AttachmentRequest = z
  .strictObject({
    fileName: trimmed(1, 200)
      .refine((name) => !/[\\/]/.test(name), said("tanpa garis miring", "without slashes"))
      .meta({ example: "jalan-rusak.jpg" }),
    contentType: z.string().max(100).meta({ description: "One of the stage's types", example: "image/jpeg" }),
    size: z
      .number()
      .int()
      .min(1)
      .meta({ description: "Bytes; the upload may be no larger", example: 2_481_337 }),
  })
  .meta({ id: "AttachmentRequest" });

const day = z.iso.date(said("tanggal dalam bentuk YYYY-MM-DD", "a date as YYYY-MM-DD"));

export const ExportRequest = z
  .strictObject({
    from: day.meta({ description: "First local submission date, inclusive", example: "2026-01-01" }),
    to: day.meta({ description: "Last local submission date, inclusive", example: "2026-11-30" }),
    agencyId: agencyId.optional().meta({ description: "An agency in your subtree; default: your agency" }),
  })
  .refine((range) => range.from <= range.to, {
    message: said("from tidak boleh setelah to", "from must not be after to"),
    path: ["to"],
  })
  .meta({ id: "ExportRequest" });

export const StatsQuery = z
  .strictObject({ agencyId: agencyId.optional().meta({ description: "Default: the root" }), ...period })
  .refine(periodRefinement.check, { message: periodRefinement.message, path: ["to"] })
  .meta({ id: "StatsQuery" });

export const RankingsQuery = z
  .strictObject({
    parentId: agencyId.optional().meta({ description: "Whose children are ranked; default: the root" }),
    minReceived: z.coerce.number().int().min(0).max(1_000_000).optional().meta({
      description: "Children with fewer reports are listed apart; default from the stage configuration",
    }),
    ...period,
  })
  .refine(periodRefinement.check, { message: periodRefinement.message, path: ["to"] })
  .meta({ id: "RankingsQuery" });

export const VerifyRequest = z
  .strictObject({
    dispatchTo: agencyId
      .optional()
      .meta({ description: "Dispatch in the same step to this agency (at or below the report's)" }),
    kind: ReportKind.optional(),
    category: trimmed(1, 100).optional(),
    anonymous: z.literal(true).optional().meta({ description: "Privacy flags can only be made stricter" }),
    confidential: z.literal(true).optional(),
    note: note.optional().meta({ description: "Internal note for staff" }),
  })
  .meta({ id: "VerifyRequest" });

export const HoldRequest = z
  .strictObject({ reason: note.meta({ description: "What the reporter must add; shown to the reporter" }) })
  .meta({ id: "HoldRequest" });

export const ArchiveRequest = z
  .strictObject({
    reason: z.enum(STAFF_ARCHIVE_REASONS),
    note: note.optional(),
    duplicateOf: z
      .string()
      .optional()
      .meta({ description: "Tracking ID of the original, when reason is duplicate" }),
  })
  .meta({ id: "ArchiveRequest" });

export const DispatchRequest = z
  .strictObject({
    agencyId,
    note: note.optional().meta({ description: "Internal instructions for the agency" }),
  })
  .meta({ id: "DispatchRequest" });

export const ReturnRequest = z
  .strictObject({
    reason: note.meta({ description: "Why this is not your authority; shown in the timeline" }),
  })
  .meta({ id: "ReturnRequest" });

export const FollowUpRequest = z
  .strictObject({
    message: trimmed(1, 10_000),
    final: z.boolean().optional().meta({ description: "Proposes resolution to the reporter" }),
  })
  .meta({ id: "FollowUpRequest" });

export const MessageRequest = z.strictObject({ message: trimmed(1, 5000) }).meta({ id: "MessageRequest" });

export const FeedbackRequest = z
  .discriminatedUnion("accepted", [
    z.strictObject({
      accepted: z.literal(true),
      rating: z.number().int().min(1).max(5),
      comment: trimmed(1, 2000).optional(),
    }),
    z.strictObject({ accepted: z.literal(false), comment: trimmed(1, 2000) }),
  ])
  .meta({ id: "FeedbackRequest" });

const agencyFields = {
  name: trimmed(2, 200),
  level: z.enum(AGENCY_LEVELS),
  parentId: agencyId.nullable(),
  regionCode: regionCode.optional(),
  passingGradePercent: z.number().min(0).max(100).optional(),
};

export const CreateAgencyRequest = z
  .strictObject({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{1,62}$/,
        said("huruf kecil, angka dan tanda hubung", "lower-case letters, digits and hyphens"),
      ),
    ...agencyFields,
  })
  .meta({ id: "CreateAgencyRequest" });

export const UpdateAgencyRequest = z
  .strictObject({
    name: agencyFields.name.optional(),
    level: agencyFields.level.optional(),
    parentId: agencyFields.parentId.optional(),
    regionCode: agencyFields.regionCode,
    passingGradePercent: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .optional()
      .meta({ description: "null: follow the parent's (or the deployment's) passing grade again" }),
  })
  .refine((patch) => Object.keys(patch).length > 0, {
    message: said("ubah setidaknya satu isian", "change at least one field"),
  })
  .meta({ id: "UpdateAgencyRequest" });

export const ErrorBody = z
  .object({
    error: z
      .enum(ERROR_CODES)
      .meta({ description: "Stable machine-readable code", example: "invalid_input" }),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })),
    requestId: z.string(),
  })
  .meta({ id: "Error" });

/** What API Gateway answers by itself (JWT check, throttling, integration failure): not reshapeable. */
export const GatewayError = z
  .strictObject({ message: z.string().meta({ example: "Unauthorized" }) })
  .meta({ id: "GatewayError", description: 'API Gateway\'s own body, e.g. {"message":"Unauthorized"}' });

export const TrackingIdParam = z.string().meta({
  description: "Tracking ID, case-insensitive, hyphen optional",
  example: EXAMPLE_TRACKING_ID,
});

/** The agency's contact e-mails: the whole list, replaced (at most 10; empty clears it). */
export const AgencyContacts = z
  .strictObject({
    emails: z.array(z.email().max(254)).max(10).meta({
      description: "Each receives the agency's notifications (dispositions, returns, escalations, …)",
    }),
  })
  .meta({ id: "AgencyContacts" });

export const WebhookDeliveriesQuery = z
  .strictObject({
    webhookId: trimmed(1, 100).optional().meta({ description: "Only this webhook's attempts" }),
    limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: "@default 50" }),
  })
  .meta({ id: "WebhookDeliveriesQuery" });

export const ConfirmAccessTokenRequest = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{8}$/, said("8 angka dari e-mail", "the 8 digits from the e-mail")),
  })
  .meta({ id: "ConfirmAccessTokenRequest" });

export const NewAccessToken = z
  .object({
    accessToken: z.string().meta({ description: "The new secret; the old one no longer works" }),
  })
  .meta({ id: "NewAccessToken" });

export {
  RegisteredWebhook,
  RegisterWebhookRequest,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookList,
  WebhookView,
} from "../domain/webhooks";

export const PublicListingQuery = z
  .strictObject({
    from: day.optional().meta({ description: "First local submission date; default: 89 days before `to`" }),
    to: day.optional().meta({ description: "Last local submission date, inclusive; default: today" }),
    category: trimmed(1, 100)
      .optional()
      .meta({ description: "A category code, or a parent's (its children too)" }),
    agencyId: trimmed(1, 100)
      .optional()
      .meta({ description: "Reports held anywhere in this agency's subtree" }),
    status: z
      .string()
      .regex(STATUS_LIST, said("status dipisahkan koma", "statuses separated by commas"))
      .transform((list) => list.split(","))
      .optional()
      .meta({ description: "Comma-separated statuses (a public report is never submitted or archived)" }),
    cursor: z.string().max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: "@default 20" }),
  })
  .meta({ id: "PublicListingQuery" });

export const PublicStoriesQuery = PublicListingQuery.omit({ status: true }).meta({
  id: "PublicStoriesQuery",
});

export { PublicReport, PublicReportPage } from "../domain/public-listing";

export const ApiKeysQuery = z
  .strictObject({ agencyId: trimmed(1, 100).optional().meta({ description: "Default: your agency" }) })
  .meta({ id: "ApiKeysQuery" });

export { ApiKeyList, ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from "../domain/api-keys";
