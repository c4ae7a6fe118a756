import { text } from "../domain/text";
import { PublicStoriesQuery } from "../shared/api-schemas";
import { container } from "../shared/container";
import { httpHandler, json, requestIdOf, validate } from "../shared/http";
import { listPublicReports } from "../use-cases/list-public-reports";

/** GET /v1/public/stories?from=&to=&category=&agencyId=&cursor=&limit= — resolved, accepted and rated 4–5. */
export const handler = httpHandler(async (event) => {
  const { limit, ...query } = validate(
    PublicStoriesQuery,
    event.queryStringParameters ?? {},
    text("Kueri kisah sukses tidak valid.", "Invalid stories query."),
  );
  const page = await listPublicReports(container(), { ...query, limit: limit ?? 20 }, { storiesOnly: true });
  return json(200, page, { requestId: requestIdOf(event) });
});
