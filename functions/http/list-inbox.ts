import { text } from "../domain/text";
import { InboxQuery } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, requestIdOf, validate } from "../shared/http";
import { listInbox } from "../use-cases/list-inbox";

/** GET /v1/inbox?status=a,b&agencyId=&overdue=&cursor=&limit= — the caller's subtree, newest first (staff). */
export const handler = httpHandler(async (event) => {
  const { status, ...query } = validate(
    InboxQuery,
    event.queryStringParameters ?? {},
    text("Kueri kotak masuk tidak valid.", "Invalid inbox query."),
  );
  const page = await listInbox(container(), principalOf(event), {
    ...query,
    ...(status && { statuses: status }),
  });
  return json(200, page, { requestId: requestIdOf(event) });
});
