/**
 * The API's CORS policy, declared once: the CDK gives it to API Gateway (corsPreflight) and the
 * local server answers preflights and adds the response headers from it the same way, so a browser
 * behaves alike against both. Origins come from the stage file (api.corsAllowedOrigins).
 */
export const CORS_POLICY = {
  /** Request headers a browser may send: staff JWT, JSON, intake idempotency, the reporter's token, API keys. */
  allowHeaders: [
    "authorization",
    "content-type",
    "idempotency-key",
    "x-access-token",
    "x-api-key",
    "accept-language",
  ],
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
  /** Response headers a page may read. */
  exposeHeaders: ["x-request-id", "retry-after", "idempotent-replayed"],
  maxAgeSeconds: 3600,
} as const;

/**
 * The files bucket's CORS rule, declared once: the CDK sets it on the bucket (lib/stateful-stack.ts)
 * and the local upload gateway answers the same way. Browsers upload straight to S3 with a presigned
 * POST and read with a presigned GET; origins are the stage's (uploadOrigins in lib/config.ts).
 */
export const UPLOAD_CORS_POLICY = {
  allowHeaders: ["content-type", "content-length", "content-md5", "x-amz-*"],
  allowMethods: ["POST", "GET", "HEAD"],
  exposeHeaders: ["etag"],
  maxAgeSeconds: 3600,
} as const;

/** What a CORS rule says: the API's (CORS_POLICY) or the files bucket's (UPLOAD_CORS_POLICY). */
export type CorsPolicy = typeof CORS_POLICY | typeof UPLOAD_CORS_POLICY;
