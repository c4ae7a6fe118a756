/**
 * How large a function's bundle may be, by what it talks to (issue 13). `npm run bundle-sizes --
 * --check` (run by CI on the synthesized bundles) fails when a bundle passes its class's ceiling and
 * prints each bundle against its target.
 *
 * Targets are the issue's: a function that reaches only DynamoDB and SQS ≤ 280 KB minified, one
 * that needs S3 or SES ≤ 400 KB. The attachments, staff and send-notifications functions meet
 * theirs; the ceilings hold the rest from growing. With the stack's packages a DynamoDB handler with no code of ours — the
 * client, Powertools' logger and metrics, a zod/mini schema — is 235 KB, 257 KB with SQS, and each
 * function by audience serves up to 16 routes (docs/decisions.md, "Bundle sizes"). Lower a ceiling
 * whenever a change makes bundles smaller; never raise one without writing down why.
 */
import { s3Commands } from "../functions/manifests/grants";
import type { RouteAccess } from "../functions/manifests/routes";

export type BundleClass = "dynamodb-sqs" | "s3-or-ses";

export interface BundleBudget {
  /** What the issue asks for, in KiB of minified JavaScript. */
  readonly targetKb: number;
  /** What CI enforces, in KiB: the largest bundle of the class when last lowered, plus 5%. */
  readonly ceilingKb: number;
}

export const BUNDLE_BUDGETS: Readonly<Record<BundleClass, BundleBudget>> = {
  // Lowered 2026-11-28 from 475 / 680 (zod/mini, the SDK's schema tables shaken, no event-stream
  // codec, the API's S3 links signed without the client): the largest today are 375 KB
  // (administration) and 435 KB (check-attachment).
  "dynamodb-sqs": { targetKb: 280, ceilingKb: 395 },
  "s3-or-ses": { targetKb: 400, ceilingKb: 460 },
};

/** The CloudFormation metadata key naming a function's bundle class (read by local/bundle-sizes.ts). */
export const BUNDLE_CLASS_METADATA = "aduan:bundle-class";

/** A function with S3 or SES access bundles those clients; anything else only DynamoDB's and SQS's. */
export function bundleClass(access: RouteAccess): BundleClass {
  return access.email || s3Commands(access).length > 0 ? "s3-or-ses" : "dynamodb-sqs";
}
