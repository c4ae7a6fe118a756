import { text } from "../domain/text";
import { StatsQuery } from "../shared/api-schemas";
import { container } from "../shared/container";
import { statsCsv } from "../shared/figures-csv";
import { figuresResponse } from "../shared/figures-response";
import { httpHandler, validate } from "../shared/http";
import { getStats } from "../use-cases/get-stats";

/** GET /v1/stats?agencyId=&from=&to=&format= — an agency's figures and its children's (public). */
export const handler = httpHandler(async (event) => {
  const { format, ...query } = validate(
    StatsQuery,
    event.queryStringParameters ?? {},
    text("Kueri statistik tidak valid.", "Invalid statistics query."),
  );
  const stats = await getStats(container(), query);
  const name = `aduan-stats-${stats.agency.agencyId}-${stats.period.from}-${stats.period.to}.csv`;
  return figuresResponse(event, format, stats, statsCsv, name);
});
