import { container } from "../shared/container";
import { httpHandler, json, requestIdOf } from "../shared/http";
import { listCategories } from "../use-cases/list-categories";

/** GET /v1/categories — the public category tree. */
export const handler = httpHandler(async (event) => {
  const categories = await listCategories(container());
  return json(
    200,
    { categories },
    { requestId: requestIdOf(event), headers: { "cache-control": "public, max-age=300" } },
  );
});
