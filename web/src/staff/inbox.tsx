/** The inbox of the member's agency subtree: counts per status, an overdue filter, search by tracking ID. */
import { useEffect, useState } from "preact/hooks";
import { agencyName, useAgencies } from "../agencies";
import { api, problemOf, type Schemas } from "../api/client";
import { Alert, StatusBadge, statusText, TableWrap } from "../components";
import { formatDateTime, t, useLang } from "../i18n";
import { navigate } from "../router";
import type { StaffClaims } from "./session";

const STATUSES = ["submitted", "on_hold", "dispatched", "in_progress", "resolved", "archived"] as const;
const OPEN = "submitted,on_hold,dispatched,in_progress";

export function Inbox(props: { claims: StaffClaims }) {
  const lang = useLang();
  const agencies = useAgencies();
  const [status, setStatus] = useState<string>(OPEN);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState<Schemas["InboxPage"]>();
  const [reports, setReports] = useState<Schemas["ReportSummary"][]>([]);
  const [problem, setProblem] = useState<string>();

  async function load(cursor?: string) {
    const { data, error, response } = await api.GET("/v1/inbox", {
      params: { query: { status, ...(overdue && { overdue: "true" as const }), ...(cursor && { cursor }) } },
    });
    if (!data) return setProblem(problemOf(error, response));
    setProblem(undefined);
    setPage(data);
    setReports((before) => (cursor ? [...before, ...data.reports] : data.reports));
  }
  useEffect(() => {
    void load();
  }, [status, overdue, lang]);

  const counts = page?.counts;
  return (
    <section>
      <h1>{t("inboxTitle", { agency: agencyName(agencies, props.claims.agencyId) })}</h1>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          const id = String(new FormData(event.currentTarget as HTMLFormElement).get("q") ?? "")
            .trim()
            .toUpperCase();
          if (id) navigate(`/staf/laporan/${encodeURIComponent(id)}`);
        }}
      >
        <label for="q">{t("searchByTrackingId")}</label>
        <input id="q" name="q" autocomplete="off" placeholder="7KQ4M-9TXRR" />
        <button type="submit" class="secondary">
          {t("open")}
        </button>
      </form>
      <fieldset class="tabs">
        <legend class="visually-hidden">{t("filterByStatus")}</legend>
        <button type="button" aria-pressed={status === OPEN} onClick={() => setStatus(OPEN)}>
          {t("allOpen")}
        </button>
        {STATUSES.map((s) => (
          <button type="button" key={s} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {statusText(s)} <span class="count">{counts?.[s] ?? "…"}</span>
          </button>
        ))}
      </fieldset>
      <label class="choice inline">
        <input
          type="checkbox"
          checked={overdue}
          onChange={(e) => setOverdue((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>
          {t("overdueOnly")} <span class="count">{counts?.overdue ?? "…"}</span>
        </span>
      </label>
      {problem && <Alert kind="error">{problem}</Alert>}
      <TableWrap label={t("inbox")}>
        <table>
          <caption class="visually-hidden">{t("inbox")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("trackingId")}</th>
              <th scope="col">{t("title")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("agency")}</th>
              <th scope="col">{t("filedAt")}</th>
              <th scope="col">{t("dueAt")}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr
                key={r.trackingId}
                class={r.overdueAt && r.overdueAt < new Date().toISOString() ? "overdue" : ""}
              >
                <td>
                  <a href={`/staf/laporan/${r.trackingId}`}>{r.trackingId}</a>
                </td>
                <td>
                  {r.title}
                  {r.confidential && <span class="badge badge-confidential">{t("confidentialLabel")}</span>}
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>{agencyName(agencies, r.agencyId)}</td>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{r.overdueAt ? formatDateTime(r.overdueAt) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {reports.length === 0 && !problem && <p>{t("inboxEmpty")}</p>}
      {page?.cursor && (
        <button type="button" class="secondary" onClick={() => load(page.cursor)}>
          {t("more")}
        </button>
      )}
    </section>
  );
}
