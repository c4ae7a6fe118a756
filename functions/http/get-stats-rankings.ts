import { text } from "../domain/text";
import { RankingsQuery } from "../shared/api-schemas";
import { container } from "../shared/container";
import { rankingsCsv } from "../shared/figures-csv";
import { figuresResponse } from "../shared/figures-response";
import { httpHandler, validate } from "../shared/http";
import { getStatsRankings } from "../use-cases/get-stats-rankings";

/** GET /v1/stats/rankings?parentId=&from=&to=&minReceived=&format= — children ranked (public). */
export const handler = httpHandler(async (event) => {
  const { format, ...query } = validate(
    RankingsQuery,
    event.queryStringParameters ?? {},
    text("Kueri peringkat tidak valid.", "Invalid rankings query."),
  );
  const rankings = await getStatsRankings(container(), query);
  const name = `aduan-rankings-${rankings.parent.agencyId}-${rankings.period.from}-${rankings.period.to}.csv`;
  return figuresResponse(event, format, rankings, rankingsCsv, name);
});
