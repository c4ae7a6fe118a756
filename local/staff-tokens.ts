/**
 * The local stand-in for Cognito ID tokens: RS256 JWTs with the claims a Cognito user pool puts in
 * an ID token (`sub`, `cognito:groups`, `custom:agency_id`, `token_use: "id"`), and the checks the
 * API Gateway JWT authorizer makes before a staff route runs (signature, alg, exp, iss, aud).
 *
 * The key pair is generated on first start and kept in `<dataDir>/jwt-key.json`, so tokens printed
 * by one `npm start` (and pasted into a README shell) still work after a restart. The private key
 * is a local development secret only; nothing in AWS trusts it.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";

// The roles are the domain's, shared with the Cognito groups the CDK creates.
import type { StaffRole } from "../functions/domain/constants";

export { STAFF_ROLES, type StaffRole } from "../functions/domain/constants";

/** A fixed identifier rather than the server's URL, so tokens survive a change of PORT. */
export const LOCAL_ISSUER = "http://localhost:3000/_local";
export const LOCAL_AUDIENCE = "aduan-local";
const ALG = "RS256";
/** Cognito's default ID token lifetime is 1 hour; local tokens live a working day. */
const DEFAULT_TTL_SECONDS = 12 * 60 * 60;

export interface StaffTokenRequest {
  readonly role: StaffRole;
  readonly agencyId: string;
  /** @default a random UUID, like a Cognito user's sub */
  readonly sub?: string;
  /** @default 43200 (12 hours) */
  readonly ttlSeconds?: number;
}

export interface StaffClaims extends JWTPayload {
  readonly sub: string;
  readonly "cognito:groups": string[];
  readonly "custom:agency_id": string;
  readonly token_use: "id";
}

export interface StaffTokens {
  issueStaffToken(request: StaffTokenRequest): Promise<string>;
  /** Resolves to the token's claims, or rejects (any reason: bad signature, expired, wrong iss/aud/use). */
  verifyStaffToken(token: string): Promise<StaffClaims>;
}

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
}

/** Loads the signing key from `<dataDir>/jwt-key.json`, creating it (and dataDir) on first use. */
export async function openStaffTokens(dataDir: string): Promise<StaffTokens> {
  const { kid, privateKey, publicKey } = await loadOrCreateKey(join(dataDir, "jwt-key.json"));

  return {
    async issueStaffToken({ role, agencyId, sub, ttlSeconds = DEFAULT_TTL_SECONDS }) {
      return new SignJWT({ "cognito:groups": [role], "custom:agency_id": agencyId, token_use: "id" })
        .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
        .setSubject(sub ?? randomUUID())
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(privateKey);
    },

    async verifyStaffToken(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        algorithms: [ALG],
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        requiredClaims: ["sub", "exp", "iat"],
      });
      // API Gateway's authorizer would accept an access token too; Aduan's handlers need the
      // agency attribute, which only ID tokens carry, so only those are let through.
      if (payload.token_use !== "id") throw new Error("Not an ID token (token_use must be 'id')");
      if (typeof payload["custom:agency_id"] !== "string" || !Array.isArray(payload["cognito:groups"])) {
        throw new Error("Token lacks custom:agency_id or cognito:groups");
      }
      return payload as StaffClaims;
    },
  };
}

async function loadOrCreateKey(
  file: string,
): Promise<{ kid: string; privateKey: CryptoKey; publicKey: CryptoKey }> {
  let stored: StoredKey;
  try {
    stored = JSON.parse(await readFile(file, "utf8")) as StoredKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(
        `Cannot read the local JWT key ${file} (delete it to make a new one): ${String(error)}`,
      );
    }
    const pair = await generateKeyPair(ALG, { extractable: true });
    stored = { kid: randomUUID(), privateJwk: await exportJWK(pair.privateKey) };
    await mkdir(join(file, ".."), { recursive: true });
    // Owner-only: it is a signing secret, even if only a local one.
    await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
  };
}
