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
