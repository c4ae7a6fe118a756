/**
 * Create, list and revoke API keys (an agency's agency admins, or the national admin, for agencies
 * in their subtree). A new key's secret is returned this once and stored only as a hash; revoking
 * is immediate in the store and shows in every function within API_KEY_CACHE_MS.
 */
import { randomBytes } from "node:crypto";
import { assertAdminOf, type StaffPrincipal } from "../domain/access";
import {
  type ApiKey,
  type ApiKeyScope,
  type ApiKeyView,
  agencyOfKeyId,
  apiKeyView,
  formatApiKey,
  hashApiKeySecret,
} from "../domain/api-keys";
import { DomainError } from "../domain/errors";
import { text } from "../domain/text";
import type { ApiKeys, Clock, DirectoryRepository, IdGenerator } from "./ports";

export interface ManageApiKeysPorts {
  readonly directory: DirectoryRepository;
  readonly apiKeys: ApiKeys;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

const ADMINS_ONLY = text(
  "Hanya Admin Instansi dan Admin Nasional yang mengelola kunci API.",
  "Only agency admins and the national admin manage API keys.",
);

export async function createApiKey(
  ports: ManageApiKeysPorts,
  principal: StaffPrincipal,
  input: { readonly name: string; readonly agencyId: string; readonly scopes: readonly ApiKeyScope[] },
): Promise<ApiKeyView & { key: string }> {
  assertAdminOf(principal, input.agencyId, await ports.directory.load(), ADMINS_ONLY);
  const secret = randomBytes(32).toString("base64url");
  const key: ApiKey = {
    id: `${input.agencyId}.${ports.ids.shortId()}`,
    agencyId: input.agencyId,
    name: input.name,
    scopes: [...new Set(input.scopes)],
    secretHash: hashApiKeySecret(secret),
    createdAt: ports.clock.now().toISOString(),
    createdBy: principal.userId,
  };
  await ports.apiKeys.create(key);
  return { ...apiKeyView(key), key: formatApiKey(key.id, secret) };
}

export async function listApiKeys(
  ports: ManageApiKeysPorts,
  principal: StaffPrincipal,
  agencyId: string,
): Promise<{ keys: ApiKeyView[] }> {
  assertAdminOf(principal, agencyId, await ports.directory.load(), ADMINS_ONLY);
  return { keys: (await ports.apiKeys.list(agencyId)).map(apiKeyView) };
}

export async function revokeApiKey(
  ports: ManageApiKeysPorts,
  principal: StaffPrincipal,
  keyId: string,
): Promise<void> {
  const agencyId = agencyOfKeyId(keyId);
  const directory = await ports.directory.load();
  if (agencyId === undefined || !directory.agency(agencyId)) throw keyNotFound(keyId);
  assertAdminOf(principal, agencyId, directory, ADMINS_ONLY);
  if ((await ports.apiKeys.revoke(keyId, ports.clock.now())) === "missing") throw keyNotFound(keyId);
}

function keyNotFound(keyId: string): DomainError {
  return new DomainError(
    "not_found",
    "api_key_not_found",
    text(`Kunci API ${keyId} tidak ditemukan.`, `No API key ${keyId}.`),
  );
}
