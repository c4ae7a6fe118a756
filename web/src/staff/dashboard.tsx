/**
 * The agency's figures against its passing grade: the period's row, month by month, the children's
 * table, and the same as CSV (the API's own `format=csv`).
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, asJson, problemOf, type Schemas } from "../api/client";
import { Alert, TableWrap, usePeriod } from "../components";
import { formatNumber, t, useLang } from "../i18n";
import { FiguresTable, PassBadge } from "../pages/performance";
import type { StaffClaims } from "./session";

/** The month `count - 1` months before `last` (YYYY-MM): the first of `count` ending with it. */
function monthsBefore(last: string, count: number): string {
  const [year, month] = last.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - count, 1)).toISOString().slice(0, 7);
}

export function Dashboard(props: { claims: StaffClaims }) {
  const lang = useLang();
  const { from, to, picker } = usePeriod();
  const [stats, setStats] = useState<Schemas["Stats"]>();
  const [months, setMonths] = useState<Schemas["Stats"]["byMonth"]>([]);
  const [problem, setProblem] = useState<string>();
  const agencyId = props.claims.agencyId;

  useEffect(() => {
    void api
      .GET("/v1/stats", { params: { query: { agencyId, from, to } } })
      .then(({ data, error, response }) => {
        setStats(asJson(data));
        setProblem(data ? undefined : problemOf(error, response));
      });
    // The six months up to the period's end, in one read (the API's byMonth).
    void api
      .GET("/v1/stats", { params: { query: { agencyId, from: monthsBefore(to, 6), to } } })
      .then(({ data }) => setMonths(asJson(data)?.byMonth ?? []));
  }, [agencyId, from, to, lang]);

  // The CSV is read when asked for, not with every change of period.
  async function downloadCsv() {
    const { data, error, response } = await api.GET("/v1/stats", {
      params: { query: { agencyId, from, to, format: "csv" } },
      parseAs: "blob",
    });
    if (!data) return setProblem(problemOf(error, response));
    const link = document.createElement("a");
    link.href = URL.createObjectURL(data as Blob);
    link.download = `aduan-${agencyId}-${from}-${to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  const grade = stats?.passingGradePercent ?? 60;
  return (
    <section>
      <h1>{t("dashboardTitle", { agency: stats?.agency.name ?? agencyId })}</h1>
      <div class="row">
        {picker}
        <button type="button" class="secondary" onClick={downloadCsv}>
          {t("downloadCsv")}
        </button>
      </div>
      {problem && <Alert kind="error">{problem}</Alert>}
      {stats && (
        <div class="figures" data-testid="agency-figures">
          <Figure label={t("received")} value={String(stats.agency.received)} />
          <Figure label={t("followedUp")} value={String(stats.agency.followedUp)} />
          <Figure
            label="%TL"
            value={`${formatNumber(stats.agency.followUpRate)}`}
            extra={<PassBadge rate={stats.agency.followUpRate} grade={grade} />}
          />
          <Figure label={t("resolved")} value={String(stats.agency.resolved)} />
          <Figure label={t("overdueNow")} value={String(stats.agency.overdueNow)} />
          <Figure label={t("avgRating")} value={formatNumber(stats.agency.avgRating)} />
        </div>
      )}
      <p class="hint">{t("passingGradeNote", { grade })}</p>
      {months.length > 0 && (
        <TableWrap label={t("byMonth")}>
          <table>
            <caption>{t("byMonth")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("month")}</th>
                <th scope="col">{t("received")}</th>
                <th scope="col">{t("followedUp")}</th>
                <th scope="col">%TL</th>
                <th scope="col">{t("grade")}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{row.month}</th>
                  <td>{row.received}</td>
                  <td>{row.followedUp}</td>
                  <td>
                    <span
                      class="bar"
                      style={{ width: `${Math.min(100, row.followUpRate ?? 0)}%` }}
                      aria-hidden="true"
                    />
                    {formatNumber(row.followUpRate)}
                  </td>
                  <td>
                    <PassBadge rate={row.followUpRate} grade={grade} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {stats && stats.children.length > 0 && (
        <FiguresTable caption={t("childrenTable")} rows={stats.children} overdue />
      )}
    </section>
  );
}

function Figure(props: { label: string; value: string; extra?: ComponentChildren }) {
  return (
    <div class="figure">
      <span class="figure-label">{props.label}</span>
      <span class="figure-value">{props.value}</span>
      {props.extra}
    </div>
  );
}
