import { text } from "../domain/text";
import { InboxQuery } from "../shared/api-schemas";
import { syncPrincipalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, requestIdOf, validate } from "../shared/http";
import { listInbox } from "../use-cases/list-inbox";

/** GET /v1/sync/reports?status=&agencyId=&overdue=&cursor=&limit= — an agency's system reads its subtree (X-Api-Key, agency:sync). */
export const handler = httpHandler(async (event) => {
  const principal = await syncPrincipalOf(event, container());
  const { status, ...query } = validate(
    InboxQuery,
    event.queryStringParameters ?? {},
    text("Kueri tidak valid.", "Invalid query."),
  );
  const page = await listInbox(container(), principal, { ...query, ...(status && { statuses: status }) });
  return json(200, page, { requestId: requestIdOf(event) });
});
