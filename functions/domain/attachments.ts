/**
 * Attachments (PRODUCT.md §6): evidence a reporter or staff member adds to a report. Announced
 * first (type, size, count checked before anything is signed), uploaded straight to the bucket
 * under `incoming/`, checked by a job (magic bytes, size, metadata stripped: file-content.ts) and
 * only then served, from `clean/`, to those allowed. Pure: records, rules, keys and views.
 */
import type { StaffPrincipal } from "./access";
import { canSee } from "./access";
import type { Directory } from "./directory";
import { DomainError, detail } from "./errors";
import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType } from "./file-content";
import { type Actor, isPublicReport, type Report } from "./report";
import { type Text, text } from "./text";
import * as z from "./zod";

export const ATTACHMENT_STATUSES = ["pending", "clean", "rejected"] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

export interface Attachment {
  readonly id: string;
  readonly trackingId: string;
  /** As the uploader named it (never shown to staff for an anonymous reporter's file). */
  readonly fileName: string;
  readonly contentType: AttachmentContentType;
  /** Bytes announced: the upload may be no larger (the presigned policy's limit). */
  readonly size: number;
  readonly status: AttachmentStatus;
  readonly uploader: Actor;
  readonly createdAt: string;
  /** The presigned upload expires then. */
  readonly uploadExpiresAt: string;
  readonly checkedAt?: string;
  /** Bytes of the clean file served. */
  readonly storedSize?: number;
  readonly rejection?: { readonly code: RejectionCode; readonly reason: Text };
  /** Shown to the public (a liaison officer or agency admin published it). */
  readonly publishedAt?: string;
}

export const REJECTION_CODES = ["type_mismatch", "too_large", "unreadable", "not_uploaded"] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** How long after its upload window a pending attachment is given up (an upload may still be landing). */
export const UPLOAD_GRACE_SECONDS = 3600;

/** Pending attachments whose upload never came: their slots may be given back. */
export function abandonedUploads(attachments: readonly Attachment[], now: Date): Attachment[] {
  return attachments.filter(
    (a) =>
      a.status === "pending" && Date.parse(a.uploadExpiresAt) + UPLOAD_GRACE_SECONDS * 1000 < now.getTime(),
  );
}

/** The stage's limits (lib/stages/<stage>.json `attachments`). */
export interface AttachmentRules {
  readonly contentTypes: readonly AttachmentContentType[];
  readonly maxBytes: number;
  readonly maxPerReport: number;
  readonly uploadSeconds: number;
}

export const DEFAULT_ATTACHMENT_RULES: AttachmentRules = {
  contentTypes: [...ATTACHMENT_CONTENT_TYPES],
  maxBytes: 10 * 1024 * 1024,
  maxPerReport: 5,
  uploadSeconds: 15 * 60,
};

export const attachmentRulesSchema = z.strictObject({
  contentTypes: z.array(z.enum(ATTACHMENT_CONTENT_TYPES)).check(z.minLength(1)),
  maxBytes: z.int().check(z.gte(1), z.lte(5 * 1024 * 1024 * 1024)),
  maxPerReport: z.int().check(z.gte(1), z.lte(100)),
  uploadSeconds: z.int().check(z.gte(60), z.lte(7 * 24 * 3600)),
});

/** Where the uploader's bytes land (presigned uploads can target only this) and where the checked file lives. */
export const INCOMING_PREFIX = "incoming/";
export const CLEAN_PREFIX = "clean/";

export function incomingKey(trackingId: string, id: string): string {
  return `${INCOMING_PREFIX}${trackingId}/${id}`;
}

export function cleanKey(trackingId: string, id: string): string {
  return `${CLEAN_PREFIX}${trackingId}/${id}`;
}

/** The report and attachment an incoming key names, or undefined for a key no announcement made. */
export function parseIncomingKey(key: string): { trackingId: string; id: string } | undefined {
  const match = /^incoming\/([^/]+)\/([^/]+)$/.exec(key);
  return match ? { trackingId: match[1] as string, id: match[2] as string } : undefined;
}

export interface AnnounceInput {
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** A new pending attachment, or the 400/409 of a type, size or count the rules refuse. */
export function announceAttachment(
  report: Report,
  existing: readonly Attachment[],
  input: AnnounceInput,
  ctx: { readonly id: string; readonly uploader: Actor; readonly now: Date; readonly rules: AttachmentRules },
): Attachment {
  const problems = [];
  if (!ctx.rules.contentTypes.includes(input.contentType as AttachmentContentType))
    problems.push(
      detail(
        "contentType",
        `harus salah satu dari ${ctx.rules.contentTypes.join(", ")}`,
        `must be one of ${ctx.rules.contentTypes.join(", ")}`,
      ),
    );
  if (input.size > ctx.rules.maxBytes)
    problems.push(
      detail(
        "size",
        `paling besar ${ctx.rules.maxBytes} byte (${formatMegabytes(ctx.rules.maxBytes)})`,
        `at most ${ctx.rules.maxBytes} bytes (${formatMegabytes(ctx.rules.maxBytes)})`,
      ),
    );
  if (problems.length > 0)
    throw new DomainError(
      "invalid",
      "invalid_input",
      text("Lampiran ini tidak dapat diterima.", "This attachment cannot be accepted."),
      problems,
    );
  if (report.status === "resolved" || report.status === "archived")
    throw new DomainError(
      "conflict",
      "invalid_transition",
      text(
        `Laporan ${report.trackingId} sudah ditutup; lampiran tidak dapat ditambahkan.`,
        `Report ${report.trackingId} is closed; no attachment can be added.`,
      ),
      [detail("status", `status sekarang ${report.status}`, `current status is ${report.status}`)],
    );
  if (existing.filter((a) => a.status !== "rejected").length >= ctx.rules.maxPerReport)
    throw attachmentLimit(report.trackingId, ctx.rules.maxPerReport);
  return {
    id: ctx.id,
    trackingId: report.trackingId,
    fileName: input.fileName,
    contentType: input.contentType as AttachmentContentType,
    size: input.size,
    status: "pending",
    uploader: ctx.uploader,
    createdAt: ctx.now.toISOString(),
    uploadExpiresAt: new Date(ctx.now.getTime() + ctx.rules.uploadSeconds * 1000).toISOString(),
  };
}

export function attachmentLimit(trackingId: string, max: number): DomainError {
  return new DomainError(
    "conflict",
    "attachment_limit",
    text(
      `Laporan ${trackingId} sudah memiliki ${max} lampiran, batas yang diizinkan.`,
      `Report ${trackingId} already has ${max} attachments, the limit.`,
    ),
    [detail("attachments", `paling banyak ${max}`, `at most ${max}`)],
  );
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

export function attachmentNotFound(id: string): DomainError {
  return new DomainError(
    "not_found",
    "attachment_not_found",
    text(`Lampiran ${id} tidak ditemukan.`, `No attachment ${id}.`),
  );
}

export const REJECTIONS: Record<RejectionCode, Text> = {
  type_mismatch: text(
    "Isi berkas tidak sesuai dengan jenis yang diumumkan.",
    "The file's content does not match the announced type.",
  ),
  too_large: text(
    "Berkas lebih besar dari yang diumumkan atau diizinkan.",
    "The file is larger than announced or allowed.",
  ),
  unreadable: text("Berkas rusak atau tidak dapat dibaca.", "The file is damaged or cannot be read."),
  not_uploaded: text(
    "Berkas tidak diunggah dalam batas waktu; umumkan lagi untuk mengunggahnya.",
    "The file was not uploaded in time; announce it again to upload it.",
  ),
};

export type AttachmentViewer =
  | { readonly kind: "public" }
  | { readonly kind: "reporter" }
  | { readonly kind: "staff"; readonly principal: StaffPrincipal };

/** Attachments as a viewer may list them (without URLs: each is fetched on its own). */
export const AttachmentView = z
  .object({
    id: z.string(),
    fileName: z
      .string()
      .check(z.meta({ description: "Generic for an anonymous reporter's file, for staff" })),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.int(),
    status: z.enum(ATTACHMENT_STATUSES),
    uploadedBy: z.enum(["reporter", "staff"]),
    createdAt: z.string(),
    published: z.boolean(),
    rejectionCode: z.optional(z.enum(REJECTION_CODES)),
    rejectionReason: z
      .optional(z.string())
      .check(z.meta({ description: "Why the check refused the file, in the reader's language" })),
  })
  .register(z.globalRegistry, { id: "Attachment" });
export type AttachmentView = z.infer<typeof AttachmentView>;

/**
 * Who sees which attachment: the public only clean, published attachments of a public report; the
 * reporter every attachment of their report; staff who may read the report every one — with a
 * generic name for an anonymous reporter's file (a file name can be a person's name).
 */
export function visibleAttachments(
  report: Report,
  attachments: readonly Attachment[],
  viewer: AttachmentViewer,
  directory: Directory,
  locale: "id" | "en" = "id",
): AttachmentView[] {
  if (viewer.kind === "staff" && !canSee(viewer.principal, report, directory)) return [];
  const publicReport = isPublicReport(report);
  return [...attachments]
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
    .filter(
      (a) =>
        viewer.kind !== "public" || (publicReport && a.status === "clean" && a.publishedAt !== undefined),
    )
    .map((a, index) => ({
      id: a.id,
      fileName:
        viewer.kind !== "reporter" && report.anonymous && a.uploader.kind === "reporter"
          ? `lampiran-${index + 1}${EXTENSIONS[a.contentType]}`
          : a.fileName,
      contentType: a.contentType,
      size: a.storedSize ?? a.size,
      status: a.status,
      uploadedBy: a.uploader.kind === "staff" ? "staff" : "reporter",
      createdAt: a.createdAt,
      published: a.publishedAt !== undefined,
      ...(a.rejection !== undefined &&
        viewer.kind !== "public" && {
          rejectionCode: a.rejection.code,
          rejectionReason: a.rejection.reason[locale],
        }),
    }));
}

const EXTENSIONS: Record<AttachmentContentType, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "application/pdf": ".pdf",
  "video/mp4": ".mp4",
};

/** What announcing answers: the pending attachment and its presigned upload. */
export const AddedAttachment = z
  .object({
    attachment: AttachmentView,
    upload: z.object({
      method: z.literal("POST"),
      url: z.string(),
      fields: z
        .record(z.string(), z.string())
        .register(z.globalRegistry, { description: "Form fields to send before the file" }),
      expiresAt: z.string(),
    }),
  })
  .register(z.globalRegistry, { id: "AddedAttachment" });

/** One attachment's download: a presigned GET served as a download with the stored type. */
export const AttachmentDownload = z
  .object({
    url: z.string(),
    expiresAt: z.string(),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
  })
  .register(z.globalRegistry, { id: "AttachmentDownload" });
export type AddedAttachment = z.infer<typeof AddedAttachment>;
export type AttachmentDownload = z.infer<typeof AttachmentDownload>;
