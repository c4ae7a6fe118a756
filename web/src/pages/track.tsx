/**
 * Following a report: by tracking ID the public view (when the report is public), with the access
 * token the reporter's own view — reply while on hold, accept or reject a proposed resolution with
 * a rating, forward to the Ombudsman and read the case file when eligible.
 */
import { useEffect, useState } from "preact/hooks";
import { api, asJson, problemOf, type Schemas } from "../api/client";
import { Alert, Choice, FollowUps, kindText, ReportFacts, Timeline } from "../components";
import { formatDateTime, t, useLang } from "../i18n";
import { forgetToken, isRemembered, keepToken, tokenFor } from "../reporter-tokens";
import { navigate } from "../router";
import { ACCEPTED_FILES, addReporterFile } from "../upload";

export function TrackPage(props: { params: Record<string, string> }) {
  const id = props.params.id;
  return id ? <ReportPage trackingId={id} key={id} /> : <TrackForm />;
}

function TrackForm() {
  return (
    <section>
      <h1>{t("trackTitle")}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget as HTMLFormElement);
          const id = String(form.get("trackingId") ?? "")
            .trim()
            .toUpperCase();
          const token = String(form.get("accessToken") ?? "").trim();
          if (!id) return;
          if (token) keepToken(id, token, form.get("remember") === "on");
          navigate(`/lacak/${encodeURIComponent(id)}`);
        }}
      >
        <label for="trackingId">{t("trackingId")}</label>
        <input
          id="trackingId"
          name="trackingId"
          required
          autocomplete="off"
          autocapitalize="characters"
          placeholder="7KQ4M-9TXRR"
        />
        <label for="accessToken">{t("accessTokenOptional")}</label>
        <input
          id="accessToken"
          name="accessToken"
          type="password"
          autocomplete="off"
          aria-describedby="token-hint"
        />
        <p id="token-hint" class="hint">
          {t("accessTokenHint")}
        </p>
        <Choice type="checkbox" name="remember" title={t("rememberToken")} hint={t("rememberTokenHelp")} />
        <button type="submit" class="primary">
          {t("track")}
        </button>
      </form>
    </section>
  );
}

function ReportPage(props: { trackingId: string }) {
  const lang = useLang();
  const [report, setReport] = useState<Schemas["ReportView"]>();
  const [problem, setProblem] = useState<string>();
  const [version, setVersion] = useState(0);
  const token = tokenFor(props.trackingId);

  useEffect(() => {
    void api
      .GET("/v1/reports/{trackingId}", {
        params: { path: { trackingId: props.trackingId }, header: token ? { "X-Access-Token": token } : {} },
      })
      .then(({ data, error, response }) => {
        setReport(data);
        setProblem(data ? undefined : problemOf(error, response));
      });
  }, [props.trackingId, token, version, lang]);

  if (problem)
    return (
      <section>
        <h1>{t("trackTitle")}</h1>
        <Alert kind="error">{problem}</Alert>
        <p>
          <a href="/lacak">{t("tryAgain")}</a>
        </p>
      </section>
    );
  if (!report) return <p role="status">{t("loading")}</p>;
  const reload = () => setVersion((v) => v + 1);
  const mine = report.viewer === "reporter" && token !== undefined;
  return (
    <article>
      <p class="meta">
        {kindText(report.kind)} · <code>{report.trackingId}</code>
      </p>
      <ReportFacts report={report} />
      {mine && (
        <Alert kind="info">
          {t("reporterViewNote")}{" "}
          {isRemembered(report.trackingId) && (
            <button
              type="button"
              class="link"
              onClick={() => {
                forgetToken(report.trackingId);
                reload();
              }}
            >
              {t("forgetToken")}
            </button>
          )}
        </Alert>
      )}
      {mine && token && <ReporterActions report={report} token={token} onDone={reload} />}
      <h2>{t("followUpsTitle")}</h2>
      <FollowUps followUps={report.followUps} />
      {report.attachments.length > 0 && (
        <>
          <h2>{t("attachmentsTitle")}</h2>
          <ul>
            {report.attachments.map((a) => (
              <li key={a.id}>
                {a.fileName} · {t(`attachment_${a.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("timelineTitle")}</h2>
      <Timeline events={report.timeline} />
    </article>
  );
}

function ReporterActions(props: { report: Schemas["ReportView"]; token: string; onDone: () => void }) {
  const { report, token } = props;
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const [caseFile, setCaseFile] = useState<Schemas["CaseFile"]>();
  const [uploading, setUploading] = useState<number>();
  const path = { trackingId: report.trackingId };
  const header = { "X-Access-Token": token };
  const succeeded = (message: string) => {
    setProblem(undefined);
    setDone(message);
    props.onDone();
  };
  /** An API call's outcome: its message on success, the API's reason otherwise. */
  const settle = (message: string, result: { data?: unknown; error?: unknown; response: Response }) =>
    result.data !== undefined ? succeeded(message) : setProblem(problemOf(result.error, result.response));
  const proposed = report.status === "in_progress" && report.resolutionProposedAt !== undefined;
  const eligible = report.ombudsmanEligibleAt !== undefined;
  return (
    <section class="panel" aria-labelledby="reporter-actions">
      <h2 id="reporter-actions">{t("yourActions")}</h2>
      {done && <Alert kind="success">{done}</Alert>}
      {problem && <Alert kind="error">{problem}</Alert>}
      {report.status === "on_hold" && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const message = String(new FormData(event.currentTarget as HTMLFormElement).get("message") ?? "");
            settle(
              t("replySent"),
              await api.POST("/v1/reports/{trackingId}/messages", {
                params: { path, header },
                body: { message },
              }),
            );
          }}
        >
          <p>{t("onHoldExplained")}</p>
          <label for="reply">{t("replyLabel")}</label>
          <textarea id="reply" name="message" required rows={4} />
          <button type="submit" class="primary">
            {t("sendReply")}
          </button>
        </form>
      )}
      {proposed && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget as HTMLFormElement);
            const accepted = form.get("answer") === "accept";
            const comment = String(form.get("comment") ?? "").trim();
            const body = accepted
              ? { accepted: true as const, rating: Number(form.get("rating")), ...(comment && { comment }) }
              : { accepted: false as const, comment };
            settle(
              accepted ? t("thanksAccepted") : t("thanksRejected"),
              await api.POST("/v1/reports/{trackingId}/feedback", {
                params: { path, header },
                body,
              }),
            );
          }}
        >
          <p>{t("resolutionProposed")}</p>
          <fieldset>
            <legend>{t("yourAnswer")}</legend>
            <Choice type="radio" name="answer" value="accept" required title={t("acceptResolution")} />
            <Choice type="radio" name="answer" value="reject" title={t("rejectResolution")} />
          </fieldset>
          <fieldset>
            <legend>{t("ratingQuestion")}</legend>
            <div class="stars">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class="star">
                  <input type="radio" name="rating" value={n} defaultChecked={n === 5} />
                  <span>{t("stars", { n })}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label for="comment">{t("commentLabel")}</label>
          <textarea id="comment" name="comment" rows={3} aria-describedby="comment-hint" />
          <p id="comment-hint" class="hint">
            {t("commentHint")}
          </p>
          <button type="submit" class="primary">
            {t("sendAnswer")}
          </button>
        </form>
      )}
      {eligible && !report.ombudsmanForwardedAt && (
        <div>
          <p>{t("ombudsmanEligible")}</p>
          <button
            type="button"
            class="primary"
            onClick={async () => {
              settle(
                t("ombudsmanForwarded"),
                await api.POST("/v1/reports/{trackingId}/ombudsman", {
                  params: { path, header },
                }),
              );
            }}
          >
            {t("forwardToOmbudsman")}
          </button>
        </div>
      )}
      {eligible && (
        <div>
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              const { data, error, response } = await api.GET("/v1/reports/{trackingId}/case-file", {
                params: { path, header },
              });
              if (asJson(data)) setCaseFile(asJson(data));
              else setProblem(problemOf(error, response));
            }}
          >
            {t("openCaseFile")}
          </button>
          {caseFile && (
            <dl class="facts" aria-label={t("caseFile")}>
              <dt>{t("trackingId")}</dt>
              <dd>{caseFile.trackingId}</dd>
              <dt>{t("agencyLabel")}</dt>
              <dd>{caseFile.agency}</dd>
              <dt>{t("filedAt")}</dt>
              <dd>{formatDateTime(caseFile.submittedAt)}</dd>
              {caseFile.ombudsmanForwardedAt && (
                <>
                  <dt>{t("forwardedAt")}</dt>
                  <dd>{formatDateTime(caseFile.ombudsmanForwardedAt)}</dd>
                </>
              )}
            </dl>
          )}
        </div>
      )}
      {report.status !== "on_hold" && !proposed && !eligible && <p>{t("nothingToDo")}</p>}
      {report.status !== "resolved" && report.status !== "archived" && (
        <div>
          <label for="reporter-file">{t("addAttachment")}</label>
          <input
            id="reporter-file"
            type="file"
            accept={ACCEPTED_FILES}
            onChange={async (event) => {
              const input = event.currentTarget as HTMLInputElement;
              const chosen = input.files?.[0];
              if (!chosen) return;
              setUploading(0);
              try {
                await addReporterFile(report.trackingId, token, chosen, setUploading);
                succeeded(t("upload_done"));
              } catch (failure) {
                setProblem((failure as Error).message);
              } finally {
                setUploading(undefined);
                input.value = "";
              }
            }}
          />
          {uploading !== undefined && (
            <progress max={1} value={uploading} aria-label={t("uploadProgress", { name: "" })} />
          )}
        </div>
      )}
    </section>
  );
}
