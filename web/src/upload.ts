import { api, problemOf, type Schemas } from "./api/client";
import { t } from "./i18n";

type AttachmentType = Schemas["AttachmentRequest"]["contentType"];
/** Every type the API accepts, once (the record fails to compile when the API's list changes). */
const ACCEPTED: Record<AttachmentType, true> = {
  "image/jpeg": true,
  "image/png": true,
  "application/pdf": true,
  "video/mp4": true,
};
/** For a file input's `accept`: the attachment types the API takes. */
export const ACCEPTED_FILES = Object.keys(ACCEPTED).join(",");

/**
 * The reporter adds a file to their report: announce it with the access token, then upload it to
 * the presigned POST. Rejects with a message for the reader when either step fails.
 */
export async function addReporterFile(
  trackingId: string,
  token: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const { data, error, response } = await api.POST("/v1/reports/{trackingId}/attachments", {
    params: { path: { trackingId }, header: { "X-Access-Token": token } },
    body: { fileName: file.name, contentType: file.type, size: file.size },
  });
  if (!data) throw new Error(problemOf(error, response));
  try {
    await uploadFile(data.upload, file, onProgress);
  } catch (failure) {
    // The storage refused the file or the connection dropped: say so in the reader's words.
    throw new Error(t("uploadRefused", { reason: (failure as Error).message }));
  }
}

/**
 * A file to a presigned POST (the fields first, then the file, as S3 requires), with progress:
 * fetch cannot report upload progress, XMLHttpRequest can.
 */
export function uploadFile(
  target: { url: string; fields: Record<string, string> },
  file: File,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
    form.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", target.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`HTTP ${xhr.status}`));
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(form);
  });
}
