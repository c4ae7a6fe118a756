/**
 * The IAM actions behind each table access level (functions/manifests/routes.ts); the files
 * bucket's are in its managed policies (lib/stateful-stack.ts). Least privilege: no Scan, no
 * wildcard actions. tests/infra enforces it.
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

export type AccessLevel = "read" | "readWrite";

export function tableActions(level: AccessLevel): string[] {
  return level === "readWrite" ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : [...TABLE_READ_ACTIONS];
}
