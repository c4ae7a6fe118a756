/**
 * The IAM actions behind each RouteAccess level (functions/manifests/routes.ts). Least privilege:
 * no Scan, no wildcard actions, no list or bucket-level actions. tests/infra enforces it.
 */
export const TABLE_READ_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
] as const;

export const TABLE_WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
] as const;

export const BUCKET_READ_ACTIONS = ["s3:GetObject"] as const;

export const BUCKET_WRITE_ACTIONS = ["s3:PutObject", "s3:DeleteObject"] as const;

export type AccessLevel = "read" | "readWrite";

export function tableActions(level: AccessLevel): string[] {
  return level === "readWrite" ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : [...TABLE_READ_ACTIONS];
}

export function bucketActions(level: AccessLevel): string[] {
  return level === "readWrite" ? [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS] : [...BUCKET_READ_ACTIONS];
}
