import { text } from "../domain/text";
import { SubmitReportRequest } from "../shared/api-schemas";
import { container } from "../shared/container";
import { header, httpHandler, json, readJsonBody, requestIdOf, validate } from "../shared/http";
import { submitReport } from "../use-cases/submit-report";

/** POST /v1/reports — a citizen files a report (public, idempotent with Idempotency-Key). */
export const handler = httpHandler(async (event) => {
  const input = validate(
    SubmitReportRequest,
    readJsonBody(event),
    text("Beberapa isian laporan tidak valid.", "The report has invalid fields."),
  );
  const { receipt, replayed } = await submitReport(container(), input, header(event, "idempotency-key"));
  return json(201, receipt, {
    requestId: requestIdOf(event),
    headers: { location: receipt.links.self, ...(replayed && { "idempotent-replayed": "true" }) },
  });
});
