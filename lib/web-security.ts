/**
 * The web app's security headers, declared once: CloudFront's response headers policy sets them in
 * AWS (lib/web-stack.ts) and the local server sends the same (local/web-app.ts), so the browser
 * tests run the app under the policy it gets in production.
 */

export interface PolicySources {
  /** Where the browser uploads attachments (presigned POST): the files bucket's endpoint. */
  readonly uploads: readonly string[];
  /** Where staff sign in (Cognito's managed login domain), if anywhere but here. @default none */
  readonly signIn?: string;
}

/**
 * Scripts, styles and everything else from the site itself; uploads to the bucket and the sign-in
 * token exchange as the only other connections; no framing, no plugins, no inline script.
 */
export function contentSecurityPolicy(sources: PolicySources): string {
  const connect = ["'self'", ...sources.uploads, ...(sources.signIn ? [sources.signIn] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Two years, subdomains included: browsers never try the site over plain HTTP once seen. */
export const HSTS_SECONDS = 63_072_000;
export const REFERRER_POLICY = "strict-origin-when-cross-origin";

/** The same headers as name → value (the local server's form; HSTS only where there is HTTPS). */
export function securityHeaders(sources: PolicySources, https: boolean): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(sources),
    "x-frame-options": "DENY",
    "referrer-policy": REFERRER_POLICY,
    "x-content-type-options": "nosniff",
    ...(https && { "strict-transport-security": `max-age=${HSTS_SECONDS}; includeSubDomains` }),
  };
}

/**
 * Caching of the app's files: Vite names every built asset after its content (`/assets/…-<hash>.js`),
 * so those never change and are kept a year; the page and `/config.json` are revalidated every time,
 * so a deploy reaches every browser at its next load.
 */
export const ASSETS_PATH = "/assets/";
export const ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";
export const PAGE_CACHE_CONTROL = "no-cache";
