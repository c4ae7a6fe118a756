/** The agencies' performance against their passing grade (%TL, the followed-up share). */
import { useEffect, useState } from "preact/hooks";
import { api, asJson, problemOf, type Schemas } from "../api/client";
import { Alert, TableWrap, usePeriod } from "../components";
import { formatNumber, t, useLang } from "../i18n";

export function PerformancePage() {
  const lang = useLang();
  const [rankings, setRankings] = useState<Schemas["Rankings"]>();
  const [problem, setProblem] = useState<string>();
  const { from, to, picker } = usePeriod();

  useEffect(() => {
    void api
      .GET("/v1/stats/rankings", { params: { query: { from, to } } })
      .then(({ data, error, response }) => {
        setRankings(asJson(data));
        setProblem(data ? undefined : problemOf(error, response));
      });
  }, [from, to, lang]);

  return (
    <section>
      <h1>{t("performanceTitle")}</h1>
      <p>{t("performanceIntro")}</p>
      <div class="row">{picker}</div>
      {problem && <Alert kind="error">{problem}</Alert>}
      {rankings && <RankingTable rankings={rankings} />}
    </section>
  );
}

export function RankingTable(props: { rankings: Schemas["Rankings"] }) {
  const { rankings } = props;
  return (
    <FiguresTable
      caption={t("rankingCaption", { parent: rankings.parent.name, grade: rankings.passingGradePercent })}
      rows={rankings.ranked.map((row) => ({ ...row, passingGradePercent: rankings.passingGradePercent }))}
    />
  );
}

type FiguresRow = Pick<
  Schemas["FiguresRow"],
  "agencyId" | "name" | "received" | "followedUp" | "followUpRate" | "resolved" | "passingGradePercent"
> & { overdueNow?: number };

/** Agencies' figures, one row each, against each one's passing grade (rankings, a dashboard's children). */
export function FiguresTable(props: { caption: string; rows: FiguresRow[]; overdue?: boolean }) {
  return (
    <TableWrap label={props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("agency")}</th>
            <th scope="col">{t("received")}</th>
            <th scope="col">{t("followedUp")}</th>
            <th scope="col">%TL</th>
            <th scope="col">{t("resolved")}</th>
            {props.overdue && <th scope="col">{t("overdueNow")}</th>}
            <th scope="col">{t("grade")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.agencyId}>
              <th scope="row">{row.name}</th>
              <td>{row.received}</td>
              <td>{row.followedUp}</td>
              <td>{formatNumber(row.followUpRate)}</td>
              <td>{row.resolved}</td>
              {props.overdue && <td>{row.overdueNow}</td>}
              <td>
                <PassBadge rate={row.followUpRate} grade={row.passingGradePercent} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function PassBadge(props: { rate: number | null; grade: number }) {
  if (props.rate === null) return <span class="badge">{t("noReports")}</span>;
  const passed = props.rate >= props.grade;
  return (
    <span class={`badge ${passed ? "badge-pass" : "badge-fail"}`}>
      {passed ? t("passed") : t("belowGrade")}
    </span>
  );
}
