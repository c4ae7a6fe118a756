/**
 * The HTTP contract as zod schemas: they validate requests in the handlers and generate the
 * OpenAPI document (functions/shared/openapi.ts), so the two cannot disagree.
 */
import { AGENCY_LEVELS } from "../domain/directory";
import { ERROR_CODES } from "../domain/errors";
import {
  REPORT_STATUSES,
  type ReportStatus as ReportStatusValue,
  STAFF_ARCHIVE_REASONS,
} from "../domain/report";
import { LOCALES } from "../domain/text";
import { EXAMPLE_TRACKING_ID } from "../domain/tracking-id";
import * as z from "../domain/zod";
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
  z.string().check(
    z.overwrite((text) => text.replace(/\r\n?/g, "\n").normalize("NFC")),
    z.refine(
      (text) => !/\p{Cs}/u.test(text),
      said(
        "berisi karakter rusak (surrogate UTF-16 tunggal)",
        "contains a broken character (a lone UTF-16 surrogate)",
      ),
    ),
    z.refine(
      (text) => !CONTROL_CHARACTER.test(text),
      said(
        "berisi karakter kontrol (hanya tab dan baris baru yang diizinkan)",
        "contains a control character (only tab and newline are allowed)",
      ),
    ),
    z.trim(),
    z.minLength(min),
    z.maxLength(max),
  );

/** WGS84 degrees, at most 7 decimals kept (about 1 cm): any JSON number in range is stored as given or rounded. */
const coordinate = (limit: number) =>
  z.pipe(
    z.number().check(z.gte(-limit), z.lte(limit)),
    z.transform((degrees) => Math.round(degrees * 1e7) / 1e7 + 0),
  );

/** The earliest date a report may say it happened. */
export const EARLIEST_OCCURRED_ON = "2000-01-01";
const regionCode = z
  .string()
  .check(
    z.regex(
      /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/,
      said(
        "kode wilayah Kemendagri seperti 33, 33.16 atau 33.16.01",
        "a Kemendagri region code such as 33 or 33.16 or 33.16.01",
      ),
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
    regionCode: z.optional(regionCode),
    address: z.optional(trimmed(1, 500)),
    lat: z
      .optional(coordinate(90))
      .check(z.meta({ description: "WGS84 latitude; at most 7 decimals are kept" })),
    lng: z
      .optional(coordinate(180))
      .check(z.meta({ description: "WGS84 longitude; at most 7 decimals are kept" })),
  })
  .check(
    z.refine((l) => (l.lat === undefined) === (l.lng === undefined), {
      message: said("lat dan lng harus diisi bersama", "lat and lng go together"),
      path: ["lat"],
    }),
    z.meta({ id: "Location" }),
  );

export const ReporterContact = z
  .strictObject({
    name: z.optional(trimmed(1, 200)),
    email: z.optional(z.email().check(z.maxLength(254))),
    phone: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.regex(
            /^\+?[0-9][0-9 ()-]{5,19}$/,
            said("nomor telepon seperti +62 812 3456 7890", "a phone number such as +62 812 3456 7890"),
          ),
        ),
    ),
  })
  .register(z.globalRegistry, {
    id: "ReporterContact",
    description: "Never public; hidden from staff when the report is anonymous.",
  });

export const SubmitReportRequest = z
  .strictObject({
    kind: ReportKind,
    title: trimmed(5, 200),
    description: trimmed(10, 10_000),
    category: trimmed(1, 100).check(z.meta({ description: "A category code from GET /v1/categories" })),
    occurredOn: z
      .optional(
        z.iso
          .date()
          .check(
            z.refine(
              (date) => date >= EARLIEST_OCCURRED_ON,
              said(
                `harus ${EARLIEST_OCCURRED_ON} atau sesudahnya`,
                `must be ${EARLIEST_OCCURRED_ON} or later`,
              ),
            ),
          ),
      )
      .check(
        z.meta({
          description: `Local date the problem occurred (YYYY-MM-DD), from ${EARLIEST_OCCURRED_ON} to today in the deployment's time zone`,
        }),
      ),
    location: z.optional(Location),
    agencyId: z
      .optional(trimmed(1, 100))
      .check(z.meta({ description: "The agency the citizen addresses (GET /v1/agencies)" })),
    anonymous: z
      .optional(z.boolean())
      .check(z.meta({ description: "Hide the reporter's identity from staff and public" })),
    confidential: z
      .optional(z.boolean())
      .check(z.meta({ description: "Never list or show the report publicly" })),
    reporter: z.optional(ReporterContact),
    locale: z
      .optional(z.enum(LOCALES))
      .check(z.meta({ description: "The language of the reporter's e-mails: id (default) or en" })),
  })
  .register(z.globalRegistry, { id: "SubmitReportRequest" });

const STATUS_LIST = new RegExp(`^(${REPORT_STATUSES.join("|")})(,(${REPORT_STATUSES.join("|")}))*$`);

export const InboxQuery = z
  .strictObject({
    status: z
      .optional(
        z.pipe(
          z
            .string()
            .check(
              z.regex(
                STATUS_LIST,
                said(
                  `satu atau lebih dari ${REPORT_STATUSES.join(", ")}, dipisahkan koma`,
                  `one or more of ${REPORT_STATUSES.join(", ")}, separated by commas`,
                ),
              ),
            ),
          z.transform((list) => list.split(",") as ReportStatusValue[]),
        ),
      )
      .check(
        z.meta({
          description:
            "Comma-separated statuses; default: every open one (submitted, on_hold, dispatched, in_progress)",
          example: "submitted,on_hold",
        }),
      ),
    agencyId: z.optional(trimmed(1, 100)),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
    limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
    overdue: z
      .optional(
        z.pipe(
          z.enum(["true", "false"]),
          z.transform((v) => v === "true"),
        ),
      )
      .check(z.meta({ description: "true: only reports with a deadline already passed" })),
  })
  .register(z.globalRegistry, { id: "InboxQuery" });

const note = trimmed(1, 2000);
const agencyId = trimmed(1, 100);

/** At most ten years of figures in one request: the reads are agencies × months. */
export const MAX_STATS_MONTHS = 120;
const month = z
  .string()
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, said("bulan dalam bentuk YYYY-MM", "a month as YYYY-MM")),
    z.meta({ example: "2022-01" }),
  );
const period = {
  from: z
    .optional(month)
    .check(z.meta({ description: "First month (YYYY-MM, local); default: the current month" })),
  to: z.optional(month).check(z.meta({ description: "Last month, inclusive; default: the current month" })),
  format: z
    .optional(z.enum(["json", "csv"]))
    .check(z.meta({ description: "csv: one row per agency (also chosen by `Accept: text/csv`)" })),
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
    fileName: trimmed(1, 200).check(
      z.refine((name) => !/[\\/]/.test(name), said("tanpa garis miring", "without slashes")),
      z.meta({ example: "jalan-rusak.jpg" }),
    ),
    contentType: z
      .string()
      .check(z.maxLength(100), z.meta({ description: "One of the stage's types", example: "image/jpeg" })),
    size: z
      .int()
      .check(z.gte(1), z.meta({ description: "Bytes; the upload may be no larger", example: 2_481_337 })),
  })
  .register(z.globalRegistry, { id: "AttachmentRequest" });

const day = z.iso.date(said("tanggal dalam bentuk YYYY-MM-DD", "a date as YYYY-MM-DD"));

export const ExportRequest = z
  .strictObject({
    from: day.check(z.meta({ description: "First local submission date, inclusive", example: "2026-01-01" })),
    to: day.check(z.meta({ description: "Last local submission date, inclusive", example: "2026-11-30" })),
    agencyId: z
      .optional(agencyId)
      .check(z.meta({ description: "An agency in your subtree; default: your agency" })),
  })
  .check(
    z.refine((range) => range.from <= range.to, {
      message: said("from tidak boleh setelah to", "from must not be after to"),
      path: ["to"],
    }),
    z.meta({ id: "ExportRequest" }),
  );

export const StatsQuery = z
  .strictObject({
    agencyId: z.optional(agencyId).check(z.meta({ description: "Default: the root" })),
    ...period,
  })
  .check(
    z.refine(periodRefinement.check, { message: periodRefinement.message, path: ["to"] }),
    z.meta({ id: "StatsQuery" }),
  );

export const RankingsQuery = z
  .strictObject({
    parentId: z
      .optional(agencyId)
      .check(z.meta({ description: "Whose children are ranked; default: the root" })),
    minReceived: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(1_000_000))).check(
      z.meta({
        description: "Children with fewer reports are listed apart; default from the stage configuration",
      }),
    ),
    ...period,
  })
  .check(
    z.refine(periodRefinement.check, { message: periodRefinement.message, path: ["to"] }),
    z.meta({ id: "RankingsQuery" }),
  );

export const VerifyRequest = z
  .strictObject({
    dispatchTo: z
      .optional(agencyId)
      .check(z.meta({ description: "Dispatch in the same step to this agency (at or below the report's)" })),
    kind: z.optional(ReportKind),
    category: z.optional(trimmed(1, 100)),
    anonymous: z
      .optional(z.literal(true))
      .check(z.meta({ description: "Privacy flags can only be made stricter" })),
    confidential: z.optional(z.literal(true)),
    note: z.optional(note).check(z.meta({ description: "Internal note for staff" })),
  })
  .register(z.globalRegistry, { id: "VerifyRequest" });

export const HoldRequest = z
  .strictObject({
    reason: note.check(z.meta({ description: "What the reporter must add; shown to the reporter" })),
  })
  .register(z.globalRegistry, { id: "HoldRequest" });

export const ArchiveRequest = z
  .strictObject({
    reason: z.enum(STAFF_ARCHIVE_REASONS),
    note: z.optional(note),
    duplicateOf: z
      .optional(z.string())
      .check(z.meta({ description: "Tracking ID of the original, when reason is duplicate" })),
  })
  .register(z.globalRegistry, { id: "ArchiveRequest" });

export const DispatchRequest = z
  .strictObject({
    agencyId,
    note: z.optional(note).check(z.meta({ description: "Internal instructions for the agency" })),
  })
  .register(z.globalRegistry, { id: "DispatchRequest" });

export const ReturnRequest = z
  .strictObject({
    reason: note.check(z.meta({ description: "Why this is not your authority; shown in the timeline" })),
  })
  .register(z.globalRegistry, { id: "ReturnRequest" });

export const FollowUpRequest = z
  .strictObject({
    message: trimmed(1, 10_000),
    final: z.optional(z.boolean()).check(z.meta({ description: "Proposes resolution to the reporter" })),
  })
  .register(z.globalRegistry, { id: "FollowUpRequest" });

export const MessageRequest = z
  .strictObject({ message: trimmed(1, 5000) })
  .register(z.globalRegistry, { id: "MessageRequest" });

export const FeedbackRequest = z
  .discriminatedUnion("accepted", [
    z.strictObject({
      accepted: z.literal(true),
      rating: z.int().check(z.gte(1), z.lte(5)),
      comment: z.optional(trimmed(1, 2000)),
    }),
    z.strictObject({ accepted: z.literal(false), comment: trimmed(1, 2000) }),
  ])
  .check(z.meta({ id: "FeedbackRequest" }));

const agencyFields = {
  name: trimmed(2, 200),
  level: z.enum(AGENCY_LEVELS),
  parentId: z.nullable(agencyId),
  regionCode: z.optional(regionCode),
  passingGradePercent: z.optional(z.number().check(z.gte(0), z.lte(100))),
};

export const CreateAgencyRequest = z
  .strictObject({
    id: z
      .string()
      .check(
        z.regex(
          /^[a-z0-9][a-z0-9-]{1,62}$/,
          said("huruf kecil, angka dan tanda hubung", "lower-case letters, digits and hyphens"),
        ),
      ),
    ...agencyFields,
  })
  .register(z.globalRegistry, { id: "CreateAgencyRequest" });

export const UpdateAgencyRequest = z
  .strictObject({
    name: z.optional(agencyFields.name),
    level: z.optional(agencyFields.level),
    parentId: z.optional(agencyFields.parentId),
    regionCode: agencyFields.regionCode,
    passingGradePercent: z
      .optional(z.nullable(z.number().check(z.gte(0), z.lte(100))))
      .check(z.meta({ description: "null: follow the parent's (or the deployment's) passing grade again" })),
  })
  .check(
    z.refine((patch) => Object.keys(patch).length > 0, {
      message: said("ubah setidaknya satu isian", "change at least one field"),
    }),
    z.meta({ id: "UpdateAgencyRequest" }),
  );

export const ErrorBody = z
  .object({
    error: z
      .enum(ERROR_CODES)
      .check(z.meta({ description: "Stable machine-readable code", example: "invalid_input" })),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })),
    requestId: z.string(),
  })
  .register(z.globalRegistry, { id: "Error" });

/** What API Gateway answers by itself (JWT check, throttling, integration failure): not reshapeable. */
export const GatewayError = z
  .strictObject({ message: z.string().check(z.meta({ example: "Unauthorized" })) })
  .register(z.globalRegistry, {
    id: "GatewayError",
    description: 'API Gateway\'s own body, e.g. {"message":"Unauthorized"}',
  });

export const TrackingIdParam = z.string().check(
  z.meta({
    description: "Tracking ID, case-insensitive, hyphen optional",
    example: EXAMPLE_TRACKING_ID,
  }),
);

/** The agency's contact e-mails: the whole list, replaced (at most 10; empty clears it). */
export const AgencyContacts = z
  .strictObject({
    emails: z.array(z.email().check(z.maxLength(254))).check(
      z.maxLength(10),
      z.meta({
        description: "Each receives the agency's notifications (dispositions, returns, escalations, …)",
      }),
    ),
  })
  .register(z.globalRegistry, { id: "AgencyContacts" });

export const WebhookDeliveriesQuery = z
  .strictObject({
    webhookId: z.optional(trimmed(1, 100)).check(z.meta({ description: "Only this webhook's attempts" })),
    limit: z
      .optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)))
      .check(z.meta({ description: "@default 50" })),
  })
  .register(z.globalRegistry, { id: "WebhookDeliveriesQuery" });

export const ConfirmAccessTokenRequest = z
  .strictObject({
    code: z
      .string()
      .check(z.trim(), z.regex(/^\d{8}$/, said("8 angka dari e-mail", "the 8 digits from the e-mail"))),
  })
  .register(z.globalRegistry, { id: "ConfirmAccessTokenRequest" });

export const NewAccessToken = z
  .object({
    accessToken: z.string().check(z.meta({ description: "The new secret; the old one no longer works" })),
  })
  .register(z.globalRegistry, { id: "NewAccessToken" });

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
    from: z
      .optional(day)
      .check(z.meta({ description: "First local submission date; default: 89 days before `to`" })),
    to: z
      .optional(day)
      .check(z.meta({ description: "Last local submission date, inclusive; default: today" })),
    category: z
      .optional(trimmed(1, 100))
      .check(z.meta({ description: "A category code, or a parent's (its children too)" })),
    agencyId: z
      .optional(trimmed(1, 100))
      .check(z.meta({ description: "Reports held anywhere in this agency's subtree" })),
    status: z
      .optional(
        z.pipe(
          z
            .string()
            .check(z.regex(STATUS_LIST, said("status dipisahkan koma", "statuses separated by commas"))),
          z.transform((list) => list.split(",")),
        ),
      )
      .check(
        z.meta({ description: "Comma-separated statuses (a public report is never submitted or archived)" }),
      ),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
    limit: z
      .optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)))
      .check(z.meta({ description: "@default 20" })),
  })
  .register(z.globalRegistry, { id: "PublicListingQuery" });

export const PublicStoriesQuery = z.omit(PublicListingQuery, { status: true }).register(z.globalRegistry, {
  id: "PublicStoriesQuery",
});

export { PublicReport, PublicReportPage } from "../domain/public-listing";

export const ApiKeysQuery = z
  .strictObject({
    agencyId: z.optional(trimmed(1, 100)).check(z.meta({ description: "Default: your agency" })),
  })
  .register(z.globalRegistry, { id: "ApiKeysQuery" });

export { ApiKeyList, ApiKeyView, CreateApiKeyRequest, CreatedApiKey } from "../domain/api-keys";
