/**
 * A report as staff see it: details, the reporter's contact unless anonymous, deadlines and
 * escalations, the timeline, follow-ups with drafts, attachments — and only the actions the API
 * says this role may take in this status (`actions` of the staff view).
 */
import { useEffect, useState } from "preact/hooks";
import { subtree, useAgencies } from "../agencies";
import { api, problemOf, type Schemas } from "../api/client";
import { Alert, Choice, FollowUps, kindText, ReportFacts, Timeline } from "../components";
import { formatDateTime, type MessageKey, t, useLang } from "../i18n";
import { ACCEPTED_FILES, uploadFile } from "../upload";
import type { StaffClaims } from "./session";

type Action = NonNullable<Schemas["ReportView"]["actions"]>[number];
const ARCHIVE_REASONS = ["unintelligible", "out_of_scope", "duplicate", "spam"] as const;

export function StaffReport(props: { trackingId: string; claims: StaffClaims }) {
  const lang = useLang();
  const [report, setReport] = useState<Schemas["ReportView"]>();
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [version, setVersion] = useState(0);
  const path = { trackingId: props.trackingId };

  useEffect(() => {
    void api.GET("/v1/staff/reports/{trackingId}", { params: { path } }).then(({ data, error, response }) => {
      setReport(data);
      if (!data) setProblem(problemOf(error, response));
    });
  }, [props.trackingId, version, lang]);

  /** Runs an action; on success reloads the report and says so, else shows the API's reason. */
  const act = async (
    done: string,
    call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  ) => {
    const { data, error, response } = await call();
    if (data === undefined && !response.ok) {
      setProblem(problemOf(error, response));
      return false;
    }
    setProblem(undefined);
    setNotice(done);
    setVersion((v) => v + 1);
    return true;
  };

  if (!report) return problem ? <Alert kind="error">{problem}</Alert> : <p role="status">{t("loading")}</p>;
  const can = (action: Action) => report.actions?.includes(action) ?? false;
  return (
    <article>
      <p class="meta">
        <a href="/staf">← {t("inbox")}</a> · {kindText(report.kind)} · <code>{report.trackingId}</code>
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      {problem && <Alert kind="error">{problem}</Alert>}
      <ReportFacts report={report}>
        {report.location?.lat !== undefined && (
          <>
            <dt>{t("position")}</dt>
            <dd>
              {report.location.lat}, {report.location.lng}
            </dd>
          </>
        )}
        <dt>{t("reporter")}</dt>
        <dd>
          {report.reporter
            ? [report.reporter.name, report.reporter.email, report.reporter.phone].filter(Boolean).join(" · ")
            : report.anonymous
              ? t("anonymousHidden")
              : t("noContact")}
        </dd>
        {report.channel && (
          <>
            <dt>{t("channel")}</dt>
            <dd>
              {report.channel.name} ({report.channel.via})
            </dd>
          </>
        )}
      </ReportFacts>

      <Deadlines report={report} />

      {report.actions && report.actions.length > 0 ? (
        <section class="panel" aria-labelledby="actions-title">
          <h2 id="actions-title">{t("actions")}</h2>
          {can("verify") && <VerifyForm report={report} act={act} />}
          {can("dispatch") && <DispatchForm report={report} act={act} />}
          {can("hold") && (
            <ReasonForm
              id="hold"
              title={t("action_hold")}
              label={t("holdReasonLabel")}
              onSubmit={(reason) =>
                act(t("done_hold"), () =>
                  api.POST("/v1/reports/{trackingId}/hold", { params: { path }, body: { reason } }),
                )
              }
            />
          )}
          {can("return") && (
            <ReasonForm
              id="return"
              title={t("action_return")}
              label={t("returnReasonLabel")}
              onSubmit={(reason) =>
                act(t("done_return"), () =>
                  api.POST("/v1/reports/{trackingId}/return", { params: { path }, body: { reason } }),
                )
              }
            />
          )}
          {can("archive") && <ArchiveForm report={report} act={act} />}
          {(can("draft_follow_up") || can("publish_follow_up")) && (
            <FollowUpForm report={report} publishes={can("publish_follow_up")} act={act} />
          )}
        </section>
      ) : (
        <p>{t("noActionsForRole")}</p>
      )}

      <h2>{t("followUpsTitle")}</h2>
      <FollowUps
        followUps={report.followUps}
        actions={(f) =>
          f.status === "draft" &&
          can("publish_follow_up") && (
            <button
              type="button"
              class="primary"
              onClick={() =>
                act(t("done_publish"), () =>
                  api.POST("/v1/reports/{trackingId}/follow-ups/{followUpId}/publish", {
                    params: { path: { trackingId: report.trackingId, followUpId: f.id } },
                  }),
                )
              }
            >
              {t("publish")}
            </button>
          )
        }
      />

      <Attachments report={report} canPublish={can("publish_attachment")} act={act} />

      {report.escalations && report.escalations.length > 0 && (
        <>
          <h2>{t("escalationsTitle")}</h2>
          <ul>
            {report.escalations.map((e) => (
              <li key={`${e.clock}-${e.level}`}>
                {t(`clock_${e.clock}` as MessageKey)} · {t("level", { level: e.level })} ·{" "}
                {formatDateTime(e.appliedAt)}
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

type Act = (
  done: string,
  call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
) => Promise<boolean>;

function Deadlines(props: { report: Schemas["ReportView"] }) {
  const entries = Object.entries(props.report.deadlines ?? {}).filter(([, at]) => at);
  if (entries.length === 0) return null;
  const now = new Date().toISOString();
  return (
    <>
      <h2>{t("deadlinesTitle")}</h2>
      <ul class="deadlines">
        {entries.map(([clock, at]) => (
          <li key={clock} class={(at as string) < now ? "overdue" : ""}>
            {t(`clock_${clock}` as MessageKey)}: {formatDateTime(at as string)}
            {(at as string) < now && <strong> · {t("overdue")}</strong>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Agencies at or below the report's current one, indented by depth, for dispatching. */
function AgencyOptions(props: { report: Schemas["ReportView"]; includeSelf: boolean }) {
  const agencies = useAgencies();
  return (
    <>
      {subtree(agencies, props.report.agency.id)
        .filter(({ depth }) => props.includeSelf || depth > 0)
        .map(({ agency, depth }) => (
          <option key={agency.id} value={agency.id}>
            {`${"— ".repeat(depth)}${agency.name}`}
          </option>
        ))}
    </>
  );
}

function VerifyForm(props: { report: Schemas["ReportView"]; act: Act }) {
  const path = { trackingId: props.report.trackingId };
  return (
    <form
      aria-labelledby="verify-title"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget as HTMLFormElement);
        const dispatchTo = String(form.get("dispatchTo") ?? "");
        const note = String(form.get("note") ?? "").trim();
        await props.act(t("done_verify"), () =>
          api.POST("/v1/reports/{trackingId}/verify", {
            params: { path },
            body: {
              ...(dispatchTo && dispatchTo !== props.report.agency.id && { dispatchTo }),
              ...(note && { note }),
              ...(form.get("confidential") === "on" && { confidential: true as const }),
            },
          }),
        );
      }}
    >
      <h3 id="verify-title">{t("action_verify")}</h3>
      <label for="dispatchTo">{t("dispatchToLabel")}</label>
      <select id="dispatchTo" name="dispatchTo">
        <AgencyOptions report={props.report} includeSelf />
      </select>
      {!props.report.confidential && (
        <Choice type="checkbox" name="confidential" title={t("makeConfidential")} />
      )}
      <label for="verify-note">{t("internalNote")}</label>
      <input id="verify-note" name="note" maxLength={1000} />
      <button type="submit" class="primary">
        {t("action_verify")}
      </button>
    </form>
  );
}

function DispatchForm(props: { report: Schemas["ReportView"]; act: Act }) {
  const path = { trackingId: props.report.trackingId };
  return (
    <form
      aria-labelledby="dispatch-title"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget as HTMLFormElement);
        const note = String(form.get("note") ?? "").trim();
        await props.act(t("done_dispatch"), () =>
          api.POST("/v1/reports/{trackingId}/dispatch", {
            params: { path },
            body: { agencyId: String(form.get("agencyId")), ...(note && { note }) },
          }),
        );
      }}
    >
      <h3 id="dispatch-title">{t("action_dispatch")}</h3>
      <label for="dispatch-agency">{t("dispatchToLabel")}</label>
      <select id="dispatch-agency" name="agencyId" required>
        <AgencyOptions report={props.report} includeSelf={false} />
      </select>
      <label for="dispatch-note">{t("internalNote")}</label>
      <input id="dispatch-note" name="note" maxLength={1000} />
      <button type="submit" class="primary">
        {t("action_dispatch")}
      </button>
    </form>
  );
}

function ReasonForm(props: {
  id: string;
  title: string;
  label: string;
  onSubmit: (reason: string) => Promise<boolean>;
}) {
  return (
    <form
      aria-labelledby={`${props.id}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        const reason = String(
          new FormData(event.currentTarget as HTMLFormElement).get("reason") ?? "",
        ).trim();
        await props.onSubmit(reason);
      }}
    >
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <label for={`${props.id}-reason`}>{props.label}</label>
      <textarea id={`${props.id}-reason`} name="reason" required rows={3} maxLength={1000} />
      <button type="submit" class="secondary">
        {props.title}
      </button>
    </form>
  );
}

function ArchiveForm(props: { report: Schemas["ReportView"]; act: Act }) {
  const path = { trackingId: props.report.trackingId };
  const [reason, setReason] = useState<(typeof ARCHIVE_REASONS)[number]>("unintelligible");
  return (
    <form
      aria-labelledby="archive-title"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget as HTMLFormElement);
        const note = String(form.get("note") ?? "").trim();
        const duplicateOf = String(form.get("duplicateOf") ?? "").trim();
        await props.act(t("done_archive"), () =>
          api.POST("/v1/reports/{trackingId}/archive", {
            params: { path },
            body: { reason, ...(note && { note }), ...(reason === "duplicate" && { duplicateOf }) },
          }),
        );
      }}
    >
      <h3 id="archive-title">{t("action_archive")}</h3>
      <label for="archive-reason">{t("archiveReasonLabel")}</label>
      <select
        id="archive-reason"
        value={reason}
        onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value as typeof reason)}
      >
        {ARCHIVE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`archive_${r}`)}
          </option>
        ))}
      </select>
      {reason === "duplicate" && (
        <>
          <label for="duplicateOf">{t("duplicateOfLabel")}</label>
          <input id="duplicateOf" name="duplicateOf" required />
        </>
      )}
      <label for="archive-note">{t("internalNote")}</label>
      <input id="archive-note" name="note" maxLength={1000} />
      <button type="submit" class="secondary">
        {t("action_archive")}
      </button>
    </form>
  );
}

function FollowUpForm(props: { report: Schemas["ReportView"]; publishes: boolean; act: Act }) {
  const path = { trackingId: props.report.trackingId };
  return (
    <form
      aria-labelledby="follow-up-title"
      onSubmit={async (event) => {
        event.preventDefault();
        const target = event.currentTarget as HTMLFormElement;
        const form = new FormData(target);
        const ok = await props.act(props.publishes ? t("done_publish") : t("done_draft"), () =>
          api.POST("/v1/reports/{trackingId}/follow-ups", {
            params: { path },
            body: { message: String(form.get("message") ?? ""), final: form.get("final") === "on" },
          }),
        );
        if (ok) target.reset();
      }}
    >
      <h3 id="follow-up-title">{props.publishes ? t("writeAndPublish") : t("draftFollowUp")}</h3>
      <label for="follow-up-message">{t("followUpMessage")}</label>
      <textarea id="follow-up-message" name="message" required rows={5} maxLength={5000} />
      <Choice type="checkbox" name="final" title={t("finalFollowUp")} hint={t("finalFollowUpHelp")} />
      <button type="submit" class="primary">
        {props.publishes ? t("publish") : t("saveDraft")}
      </button>
    </form>
  );
}

function Attachments(props: { report: Schemas["ReportView"]; canPublish: boolean; act: Act }) {
  const { report } = props;
  const [progress, setProgress] = useState<number>();
  const trackingId = report.trackingId;
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("attachmentsTitle")}</h2>
      {report.attachments.length === 0 && <p>{t("noAttachments")}</p>}
      <ul>
        {report.attachments.map((a) => (
          <li key={a.id}>
            {a.fileName} · {t(`attachment_${a.status}`)} ·{" "}
            {a.uploadedBy === "staff" ? t("byStaff") : t("byReporter")}
            {a.published && <> · {t("published")}</>}
            {a.rejectionReason && <> · {a.rejectionReason}</>}{" "}
            {a.status === "clean" && (
              <button
                type="button"
                class="link"
                aria-label={`${t("download")} ${a.fileName}`}
                onClick={async () => {
                  const { data } = await api.GET(
                    "/v1/staff/reports/{trackingId}/attachments/{attachmentId}",
                    {
                      params: { path: { trackingId, attachmentId: a.id } },
                    },
                  );
                  if (data) window.open(data.url, "_blank", "noopener");
                }}
              >
                {t("download")}
              </button>
            )}{" "}
            {a.status === "clean" && !a.published && props.canPublish && (
              <button
                type="button"
                class="link"
                aria-label={`${t("publish")} ${a.fileName}`}
                onClick={() =>
                  props.act(t("done_publish_attachment"), () =>
                    api.POST("/v1/staff/reports/{trackingId}/attachments/{attachmentId}/publish", {
                      params: { path: { trackingId, attachmentId: a.id } },
                    }),
                  )
                }
              >
                {t("publish")}
              </button>
            )}
          </li>
        ))}
      </ul>
      <label for="staff-file">{t("addAttachment")}</label>
      <input
        id="staff-file"
        type="file"
        accept={ACCEPTED_FILES}
        onChange={async (e) => {
          const file = (e.currentTarget as HTMLInputElement).files?.[0];
          if (!file) return;
          await props.act(t("done_upload"), async () => {
            const added = await api.POST("/v1/staff/reports/{trackingId}/attachments", {
              params: { path: { trackingId } },
              body: { fileName: file.name, contentType: file.type, size: file.size },
            });
            if (added.data) {
              setProgress(0);
              await uploadFile(added.data.upload, file, setProgress);
              setProgress(undefined);
            }
            return added;
          });
        }}
      />
      {progress !== undefined && (
        <progress max={1} value={progress} aria-label={t("uploadProgress", { name: "" })} />
      )}
    </section>
  );
}
