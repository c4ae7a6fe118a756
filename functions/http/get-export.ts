import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { exportLinksOf } from "../shared/export-files";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { getExport } from "../use-cases/get-export";

/** GET /v1/exports/{exportId} — status, and a 5-minute download link once ready (the requester only). */
export const handler = httpHandler(async (event) => {
  const ports = container();
  const view = await getExport(
    { exportJobs: ports.exportJobs, exportFiles: exportLinksOf(ports), clock: ports.clock },
    principalOf(event),
    pathParam(event, "exportId"),
  );
  return json(200, view, { requestId: requestIdOf(event) });
});
