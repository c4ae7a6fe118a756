import { randomBytes, randomInt } from "node:crypto";
import { trackingIdFromRandom } from "../../domain/tracking-id";
import { webhookSecret } from "../../domain/webhooks";
import type { IdGenerator } from "../../use-cases/ports";

/** Cryptographically random tracking IDs and access tokens. */
export const cryptoIds: IdGenerator = {
  trackingId: () => trackingIdFromRandom(Array.from({ length: 9 }, () => randomInt(0, 29))),
  accessToken: () => randomBytes(32).toString("base64url"),
  shortId: () => randomBytes(9).toString("base64url"),
  oneTimeCode: () => String(randomInt(0, 100_000_000)).padStart(8, "0"),
  webhookSecret: () => webhookSecret(randomBytes(32)),
};
