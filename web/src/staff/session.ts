/**
 * The signed-in staff member: an ID token kept for this browser tab only (sessionStorage), its
 * claims read for display (the API verifies it; the app never trusts them for access).
 * Locally the demo sign-in asks `/_local/token`; in AWS the Cognito managed login with the
 * authorization code flow and PKCE (`/config.json`, written by the deployment, says which).
 */
import { setBearer } from "../api/client";

const TOKEN_KEY = "aduan.staff.token";
const PKCE_KEY = "aduan.staff.pkce";

export interface StaffClaims {
  readonly role: string;
  readonly agencyId: string;
  readonly expiresAt: number;
}

export type SignInConfig =
  | { readonly kind: "demo" }
  | {
      readonly kind: "cognito";
      readonly domain: string;
      readonly clientId: string;
      readonly scopes?: string;
    };

export function claimsOf(token: string): StaffClaims | undefined {
  try {
    const payload = JSON.parse(
      atob((token.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/")),
    ) as Record<string, unknown>;
    const groups = payload["cognito:groups"];
    const agencyId = payload["custom:agency_id"];
    if (!Array.isArray(groups) || typeof agencyId !== "string") return undefined;
    return { role: String(groups[0]), agencyId, expiresAt: Number(payload.exp ?? 0) * 1000 };
  } catch {
    return undefined;
  }
}

/** The current session, or undefined when signed out or expired. */
export function currentSession(): { token: string; claims: StaffClaims } | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const claims = token ? claimsOf(token) : undefined;
  if (!token || !claims || claims.expiresAt < Date.now()) {
    setBearer(undefined);
    return undefined;
  }
  setBearer(token);
  return { token, claims };
}

export function signIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  setBearer(token);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  setBearer(undefined);
}

export async function signInConfig(): Promise<SignInConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) return { kind: "demo" };
  const config = (await response.json()) as { signIn?: SignInConfig };
  return config.signIn ?? { kind: "demo" };
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const redirectUri = () => `${location.origin}/staf/masuk`;

/** Sends the browser to Cognito's managed login with a fresh PKCE verifier and state. */
export async function startCognitoSignIn(config: Extract<SignInConfig, { kind: "cognito" }>): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(`https://${config.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scopes ?? "openid email",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  location.assign(url.toString());
}

/** Back from Cognito with `code` and `state`: exchanges the code (with the verifier) for tokens. */
export async function finishCognitoSignIn(
  config: Extract<SignInConfig, { kind: "cognito" }>,
  query: URLSearchParams,
): Promise<void> {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? "{}") as { verifier?: string; state?: string };
  sessionStorage.removeItem(PKCE_KEY);
  const code = query.get("code");
  if (!code || !saved.verifier || query.get("state") !== saved.state) throw new Error("state mismatch");
  const response = await fetch(`https://${config.domain}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
    }).toString(),
  });
  if (!response.ok) throw new Error(`token endpoint: HTTP ${response.status}`);
  const tokens = (await response.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error("no ID token");
  signIn(tokens.id_token);
}
