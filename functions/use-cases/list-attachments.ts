/**
 * The attachments of a report a reader may see: the public (published files of a public report),
 * the reporter (X-Access-Token: every file of theirs, with why one was rejected), or staff who may
 * read the report. Anyone else learns nothing (404 as for the report).
 */
import { assertCanSee, type StaffPrincipal } from "../domain/access";
import { type AttachmentView, type AttachmentViewer, visibleAttachments } from "../domain/attachments";
import { reportNotFound } from "../domain/errors";
import { accessTokenMatches } from "../domain/secrets";
import type { Locale } from "../domain/text";
import { loadReport } from "./load-report";
import type { DirectoryRepository, ReportRepository, StoredReport } from "./ports";

export type Reader =
  | { readonly kind: "public-or-reporter"; readonly accessToken?: string }
  | { readonly kind: "staff"; readonly principal: StaffPrincipal };

export interface ReadAttachmentsPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
}

export async function listAttachments(
  ports: ReadAttachmentsPorts,
  reader: Reader,
  trackingIdInput: string,
  locale: Locale = "id",
): Promise<{ attachments: AttachmentView[]; stored: StoredReport; viewer: AttachmentViewer }> {
  const { stored, directory } = await loadReport(ports, trackingIdInput);
  let viewer: AttachmentViewer;
  if (reader.kind === "staff") {
    assertCanSee(reader.principal, stored.report, directory);
    viewer = { kind: "staff", principal: reader.principal };
  } else if (accessTokenMatches(reader.accessToken, stored.report.accessTokenHash)) {
    viewer = { kind: "reporter" };
  } else {
    if (stored.report.confidential) throw reportNotFound(stored.report.trackingId);
    viewer = { kind: "public" };
  }
  const attachments = visibleAttachments(stored.report, stored.attachments ?? [], viewer, directory, locale);
  return { attachments, stored, viewer };
}
