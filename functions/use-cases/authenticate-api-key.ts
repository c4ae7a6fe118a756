/**
 * Who a machine is: the key it presents (X-Api-Key, or Open311's api_key), checked for this use.
 *
 * Input: the presented key and the scope the route needs. Output: the key's record.
 * Steps: parse it (`adk.<agency>.<id>.<secret>`); read the key (cached up to 30 s: a revocation
 * shows within that); its secret's hash must match in constant time and it must not be revoked
 * (401 `invalid_api_key` either way: no probing which keys exist); the scope must be granted (403);
 * then one use is counted in the current minute — past the stage's limit, 429 with Retry-After
 * until the next minute.
 */
import { type ApiKey, type ApiKeyScope, parseApiKey, rateWindow, secretMatches } from "../domain/api-keys";
import { DomainError } from "../domain/errors";
import { text } from "../domain/text";
import type { ApiKeys, Clock } from "./ports";

export interface ApiKeyAuthPorts {
  readonly apiKeys: ApiKeys;
  readonly clock: Clock;
  readonly apiKeyRequestsPerMinute: number;
}

export async function authenticateApiKey(
  ports: ApiKeyAuthPorts,
  presented: string | undefined,
  scope: ApiKeyScope,
): Promise<ApiKey> {
  if (!presented)
    throw new DomainError(
      "unauthorized",
      "api_key_required",
      text("Kunci API diperlukan (header X-Api-Key).", "An API key is required (X-Api-Key header)."),
    );
  const parts = parseApiKey(presented);
  const key = parts && (await ports.apiKeys.get(parts.id));
  if (!parts || !key || key.revokedAt !== undefined || !secretMatches(key, parts.secret))
    throw new DomainError(
      "unauthorized",
      "invalid_api_key",
      text("Kunci API tidak valid atau sudah dicabut.", "The API key is invalid or has been revoked."),
    );
  if (!key.scopes.includes(scope))
    throw new DomainError(
      "forbidden",
      "forbidden",
      text(
        `Kunci API ini tidak memiliki cakupan ${scope}.`,
        `This API key does not have the ${scope} scope.`,
      ),
    );
  const now = ports.clock.now();
  if ((await ports.apiKeys.use(key, rateWindow(now), ports.apiKeyRequestsPerMinute, now)) === "limited")
    throw new DomainError(
      "rate_limited",
      "too_many_requests",
      text(
        `Kunci API ini sudah dipakai ${ports.apiKeyRequestsPerMinute} kali menit ini; coba lagi menit berikutnya.`,
        `This API key was used ${ports.apiKeyRequestsPerMinute} times this minute; try again next minute.`,
      ),
      [],
      { "retry-after": String(60 - now.getUTCSeconds()) },
    );
  return key;
}
