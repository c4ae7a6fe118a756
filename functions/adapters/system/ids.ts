import { randomBytes, randomInt } from "node:crypto";
import { trackingIdFromRandom } from "../../domain/tracking-id";
import type { IdGenerator } from "../../use-cases/ports";

/** Cryptographically random tracking IDs and access tokens. */
export const cryptoIds: IdGenerator = {
  trackingId: () => trackingIdFromRandom(Array.from({ length: 9 }, () => randomInt(0, 29))),
  accessToken: () => randomBytes(32).toString("base64url"),
  shortId: () => randomBytes(9).toString("base64url"),
};
