/**
 * Presigned POST uploads, checked as S3 checks them, in front of s3rver (which ignores POST
 * policies): under `npm start`, presigned uploads go to `/_local/s3/<bucket>` on the local server
 * (S3_UPLOAD_ENDPOINT), which verifies the policy's SigV4 signature with the local credentials, its
 * expiry, every condition (exact key, content type, `content-length-range`) — answering S3's XML
 * errors (403 AccessDenied, 400 EntityTooLarge) — and only then stores the file in s3rver, whose
 * ObjectCreated event feeds the attachments queue as S3's notification would.
 */
import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { UPLOAD_CORS_POLICY } from "../functions/manifests/cors";
import { corsHeaders, readBody } from "./server";

export const UPLOAD_PATH = "/_local/s3/";

/** Larger bodies are refused before they are read whole (S3's POST limit is 5 GB; ours far less). */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface UploadGatewayOptions {
  readonly s3: S3Client;
  readonly secretAccessKey: string;
  /** Clock of the check; S3 uses its own, and the SDK signs with the real time. @default Date.now */
  readonly now?: () => number;
  /**
   * Origins a browser may upload from, as the bucket's CORS rule allows them in AWS (the stage's
   * api.corsAllowedOrigins; the web app on another host name, e.g. localhost, than the upload URL's).
   * @default none
   */
  readonly corsAllowedOrigins?: readonly string[];
}

/** Handles `POST /_local/s3/<bucket>`; answers false for any other request. */
export function uploadGateway(opts: UploadGatewayOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (!path.startsWith(UPLOAD_PATH)) return false;
    const bucket = decodeURIComponent(path.slice(UPLOAD_PATH.length).replace(/\/$/, ""));
    // The bucket's CORS rule (UPLOAD_CORS_POLICY), answered as S3 answers it: a preflight is 200 when
    // the origin is allowed and 403 when not.
    const { headers: cors, preflight } = corsHeaders(
      opts.corsAllowedOrigins ?? [],
      req.headers,
      UPLOAD_CORS_POLICY,
    );
    if (req.method === "OPTIONS") {
      const allowed = typeof preflight === "object" && "access-control-allow-origin" in cors;
      res.writeHead(allowed ? 200 : 403, allowed ? (preflight.headers as Record<string, string>) : {});
      res.end();
      return true;
    }
    const answer = (status: number, code?: string, message?: string) => {
      res.writeHead(status, { ...cors, ...(code && { "content-type": "application/xml" }) });
      res.end(
        code
          ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
          : "",
      );
      return true;
    };
    if (req.method !== "POST" || bucket.includes("/"))
      return answer(405, "MethodNotAllowed", "Only POST uploads to a bucket.");
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers["content-type"] ?? "");
    if (!boundary) return answer(400, "MalformedPOSTRequest", "The body is not multipart/form-data.");
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    if (body === "too_large")
      return answer(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
    const form = parseMultipart(body, (boundary[1] ?? boundary[2]) as string);
    if (!form)
      return answer(
        400,
        "MalformedPOSTRequest",
        "The body of your POST request is not well-formed multipart/form-data.",
      );
    const refusal = checkPolicy(form.fields, form.file.length, bucket, opts);
    if (refusal) return answer(refusal.status, refusal.code, refusal.message);
    const key = form.fields.key as string;
    await opts.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: form.file,
        ContentType: form.fields["content-type"],
      }),
    );
    return answer(204);
  };
}

type Refusal = { status: number; code: string; message: string };

/** S3's checks of a POST policy, in S3's words. Field names are matched case-insensitively. */
export function checkPolicy(
  fields: Readonly<Record<string, string>>,
  fileSize: number,
  bucket: string,
  opts: Pick<UploadGatewayOptions, "secretAccessKey" | "now">,
): Refusal | undefined {
  const denied = (message: string): Refusal => ({ status: 403, code: "AccessDenied", message });
  const policyBase64 = fields.policy;
  const credential = fields["x-amz-credential"];
  if (!policyBase64 || !credential || !fields["x-amz-signature"])
    return denied("Missing policy or signature.");
  const [, date, region, service] = credential.split("/");
  const signingKey = [date, region, service, "aws4_request"].reduce<Buffer>(
    (key, part) =>
      createHmac("sha256", key)
        .update(part ?? "")
        .digest(),
    Buffer.from(`AWS4${opts.secretAccessKey}`),
  );
  const expected = createHmac("sha256", signingKey).update(policyBase64).digest("hex");
  if (expected !== fields["x-amz-signature"])
    return {
      status: 403,
      code: "SignatureDoesNotMatch",
      message: "The request signature we calculated does not match.",
    };
  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(policyBase64, "base64").toString("utf8"));
  } catch {
    return denied("Invalid Policy: Invalid JSON.");
  }
  if (!policy.expiration || Date.parse(policy.expiration) <= (opts.now ?? Date.now)())
    return denied("Invalid according to Policy: Policy expired.");
  const value = (name: string) => (name.toLowerCase() === "bucket" ? bucket : fields[name.toLowerCase()]);
  for (const condition of policy.conditions ?? []) {
    if (Array.isArray(condition) && condition[0] === "content-length-range") {
      const [, min, max] = condition as [string, number, number];
      if (fileSize > max)
        return {
          status: 400,
          code: "EntityTooLarge",
          message: "Your proposed upload exceeds the maximum allowed size.",
        };
      if (fileSize < min)
        return {
          status: 400,
          code: "EntityTooSmall",
          message: "Your proposed upload is smaller than the minimum allowed size.",
        };
    } else if (Array.isArray(condition)) {
      const [operator, name, expectedValue] = condition as [string, string, string];
      const actual = value(name.replace(/^\$/, ""));
      const ok =
        operator === "eq"
          ? actual === expectedValue
          : operator === "starts-with" && actual?.startsWith(expectedValue);
      if (!ok)
        return denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
    } else if (condition && typeof condition === "object") {
      for (const [name, expectedValue] of Object.entries(condition))
        if (value(name) !== expectedValue)
          return denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
    }
  }
  return undefined;
}

/** Form fields (names lower-cased) and the file, which S3 requires to be the last part. */
export function parseMultipart(
  body: Buffer,
  boundary: string,
): { fields: Record<string, string>; file: Buffer } | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  let file: Buffer | undefined;
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break; // closing delimiter
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) return undefined;
    const part = body.subarray(partStart + 2, next - 2); // after CRLF, before CRLF--boundary
    const split = part.indexOf("\r\n\r\n");
    if (split === -1) return undefined;
    const headers = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return undefined;
    if (/filename="/i.test(headers) || name.toLowerCase() === "file") file = content;
    else fields[name.toLowerCase()] = content.toString("utf8");
    start = next;
  }
  return file === undefined ? undefined : { fields, file };
}
