import { DomainError } from "../domain/errors";
import { localeFrom, text } from "../domain/text";
import { container } from "../shared/container";
import { withMailer } from "../shared/email";
import { header, httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { logger } from "../shared/logger";
import { requestAccessToken } from "../use-cases/request-access-token";

/**
 * POST /v1/reports/{trackingId}/access-token — e-mail a one-time code to the reporter's address on
 * file. Always 202 with the same body (a malformed tracking ID aside): the answer tells nobody
 * whether the report exists, has an address, or a code went out.
 */
const ACCEPTED = text(
  "Jika laporan ini mencantumkan alamat e-mail, kode sekali pakai (berlaku 24 jam) sedang dikirim ke alamat itu.",
  "If the report has an e-mail address on file, a one-time code (valid 24 hours) is on its way to it.",
);

export const handler = httpHandler(async (event) => {
  const outcome = await requestAccessToken(withMailer(container()), pathParam(event, "trackingId")).catch(
    (error: unknown) => {
      if (error instanceof DomainError && error.kind === "invalid") throw error; // a malformed tracking ID
      // Any other failure answers 202 too: the reporter may simply ask again.
      logger.error("access-token code not sent", { error: error as Error });
      return "failed" as const;
    },
  );
  logger.info("access-token code requested", { outcome });
  return json(
    202,
    { message: ACCEPTED[localeFrom(header(event, "accept-language"))] },
    { requestId: requestIdOf(event) },
  );
});
