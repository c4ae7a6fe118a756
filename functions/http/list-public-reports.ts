import { text } from "../domain/text";
import { PublicListingQuery } from "../shared/api-schemas";
import { container } from "../shared/container";
import { httpHandler, json, requestIdOf, validate } from "../shared/http";
import { listPublicReports } from "../use-cases/list-public-reports";

/** GET /v1/public/reports?from=&to=&category=&agencyId=&status=&cursor=&limit= — verified, public reports, newest first. */
export const handler = httpHandler(async (event) => {
  const { status, limit, ...query } = validate(
    PublicListingQuery,
    event.queryStringParameters ?? {},
    text("Kueri daftar laporan tidak valid.", "Invalid listing query."),
  );
  const page = await listPublicReports(container(), {
    ...query,
    ...(status && { statuses: status }),
    limit: limit ?? 20,
  });
  return json(200, page, { requestId: requestIdOf(event) });
});
