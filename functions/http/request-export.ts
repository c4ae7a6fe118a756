import { localeFrom } from "../domain/text";
import { ExportRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { header, httpHandler, json, readJsonBody, requestIdOf, validate } from "../shared/http";
import { withQueue } from "../shared/queue";
import { requestExport } from "../use-cases/request-export";

/** POST /v1/exports — a CSV of the subtree's report lifecycles, written in the background (staff). */
export const handler = httpHandler(async (event) => {
  const input = validate(ExportRequest, readJsonBody(event));
  const locale = localeFrom(header(event, "accept-language"));
  const record = await requestExport(withQueue(container()), principalOf(event), input, locale);
  return json(
    202,
    { exportId: record.exportId, status: record.status },
    { requestId: requestIdOf(event), headers: { location: `/v1/exports/${record.exportId}` } },
  );
});
