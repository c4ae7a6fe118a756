/** Public reports and success stories (never a confidential report, never a reporter's name). */
import { useEffect, useState } from "preact/hooks";
import { api, problemOf, type Schemas } from "../api/client";
import { Alert, kindText, StatusBadge } from "../components";
import { formatDateTime, t, useLang } from "../i18n";

type Listing = "reports" | "stories";

export function PublicPage() {
  const lang = useLang();
  const [tab, setTab] = useState<Listing>("reports");
  const [reports, setReports] = useState<Schemas["PublicReport"][]>([]);
  const [cursor, setCursor] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [loading, setLoading] = useState(true);

  async function load(more: boolean) {
    setLoading(true);
    const query = more && cursor ? { cursor } : {};
    const { data, error, response } =
      tab === "reports"
        ? await api.GET("/v1/public/reports", { params: { query } })
        : await api.GET("/v1/public/stories", { params: { query } });
    setLoading(false);
    if (!data) return setProblem(problemOf(error, response));
    setProblem(undefined);
    setReports((before) => (more ? [...before, ...data.reports] : data.reports));
    setCursor(data.cursor);
  }
  useEffect(() => {
    void load(false);
  }, [tab, lang]);

  return (
    <section>
      <h1>{t("publicReports")}</h1>
      <fieldset class="tabs">
        <legend class="visually-hidden">{t("publicReports")}</legend>
        <button type="button" aria-pressed={tab === "reports"} onClick={() => setTab("reports")}>
          {t("latestReports")}
        </button>
        <button type="button" aria-pressed={tab === "stories"} onClick={() => setTab("stories")}>
          {t("successStories")}
        </button>
      </fieldset>
      {problem && <Alert kind="error">{problem}</Alert>}
      {!loading && reports.length === 0 && <p>{t("nothingYet")}</p>}
      <ul class="report-list">
        {reports.map((r) => (
          <li key={r.trackingId}>
            <a href={`/lacak/${r.trackingId}`}>
              <strong>{r.title}</strong>
            </a>
            <p class="meta">
              <StatusBadge status={r.status} /> {kindText(r.kind)} · {r.category.name} · {r.agency.name} ·{" "}
              {formatDateTime(r.createdAt)}
            </p>
            <p>{r.description.length > 240 ? `${r.description.slice(0, 240)}…` : r.description}</p>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" class="secondary" onClick={() => load(true)} disabled={loading}>
          {t("more")}
        </button>
      )}
    </section>
  );
}
