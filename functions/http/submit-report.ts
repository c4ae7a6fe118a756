import { text } from "../domain/text";
import { SubmitReportRequest } from "../shared/api-schemas";
import { container } from "../shared/container";
import { header, httpHandler, json, readJsonBody, requestIdOf, validate } from "../shared/http";
import { withTokenSecrets } from "../shared/token-secrets";
import { authenticateApiKey } from "../use-cases/authenticate-api-key";
import { submitReport } from "../use-cases/submit-report";

/** POST /v1/reports — a citizen files a report (public, idempotent with Idempotency-Key). */
export const handler = httpHandler(async (event) => {
  const input = validate(
    SubmitReportRequest,
    readJsonBody(event),
    text("Beberapa isian laporan tidak valid.", "The report has invalid fields."),
  );
  const apiKey = header(event, "x-api-key");
  // A machine's filing (an SMS or WhatsApp gateway) names its channel; a person's has no key.
  const key =
    apiKey === undefined ? undefined : await authenticateApiKey(container(), apiKey, "reports:create");
  const channel = key && { keyId: key.id, name: key.name, via: "api" as const };
  const { receipt, replayed } = await submitReport(
    withTokenSecrets(container()),
    input,
    header(event, "idempotency-key"),
    channel,
  );
  return json(201, receipt, {
    requestId: requestIdOf(event),
    headers: { location: receipt.links.self, ...(replayed && { "idempotent-replayed": "true" }) },
  });
});
