/** Pieces the pages share: an alert, a status badge, a report's timeline and follow-ups, a copy button. */
import type { ComponentChildren, InputHTMLAttributes } from "preact";
import { useState } from "preact/hooks";
import type { Schemas } from "./api/client";
import { formatDateTime, type MessageKey, t } from "./i18n";

export function Alert(props: { kind: "error" | "success" | "info"; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}

export function statusText(status: Schemas["ReportStatus"]): string {
  return t(`status_${status}` as MessageKey);
}

export function StatusBadge(props: { status: Schemas["ReportStatus"] }) {
  return <span class={`badge badge-${props.status}`}>{statusText(props.status)}</span>;
}

export function kindText(kind: Schemas["ReportKind"]): string {
  return t(`kind_${kind}` as MessageKey);
}

/** What happened, oldest first, in words for the reader. */
export function Timeline(props: { events: Schemas["TimelineEvent"][] }) {
  return (
    <ol class="timeline">
      {props.events.map((event) => (
        <li key={event.seq}>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time> <strong>{eventText(event.type)}</strong>{" "}
          — {statusText(event.status)} · {event.agency.name}
          {event.rating !== undefined && <> · {t("ratingValue", { rating: event.rating })}</>}
          {event.note && <p class="note">{event.note}</p>}
        </li>
      ))}
    </ol>
  );
}

export function eventText(type: string): string {
  const key = `event_${type}` as MessageKey;
  const text = t(key);
  return text === undefined || text.startsWith("event_") ? type : text;
}

export function FollowUps(props: {
  followUps: Schemas["FollowUp"][];
  actions?: (f: Schemas["FollowUp"]) => ComponentChildren;
}) {
  if (props.followUps.length === 0) return <p>{t("noFollowUps")}</p>;
  return (
    <ul class="follow-ups">
      {props.followUps.map((f) => (
        <li key={f.id} class={f.status === "draft" ? "draft" : ""}>
          <p>{f.message}</p>
          <p class="meta">
            {f.agency.name} · {formatDateTime(f.publishedAt ?? f.createdAt)}
            {f.final && <> · {t("finalFollowUp")}</>}
            {f.status === "draft" && <> · {t("draft")}</>}
          </p>
          {props.actions?.(f)}
        </li>
      ))}
    </ul>
  );
}

export function CopyButton(props: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="secondary"
      onClick={async () => {
        await navigator.clipboard?.writeText(props.value).catch(() => undefined);
        setCopied(true);
      }}
    >
      {copied ? t("copied") : props.label}
    </button>
  );
}

/** Categories as a flat list of leaves under their parents' names, for a <select> with groups. */
export function categoryGroups(
  tree: Schemas["CategoryNode"][],
): { label: string; leaves: Schemas["CategoryNode"][] }[] {
  const groups: { label: string; leaves: Schemas["CategoryNode"][] }[] = [];
  for (const node of tree) {
    if (node.children.length === 0) groups.push({ label: node.name, leaves: [node] });
    else groups.push({ label: node.name, leaves: node.children.flatMap(leavesOf) });
  }
  return groups;
}

function leavesOf(node: Schemas["CategoryNode"]): Schemas["CategoryNode"][] {
  return node.children.length === 0 ? [node] : node.children.flatMap(leavesOf);
}

/** A wide table's scrolling box: focusable and named, so keyboard users can scroll it too. */
export function TableWrap(props: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
    <section class="table-wrap" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}

/** What every view of a report shows first: where it is, what it is, when it came; then `children`. */
export function ReportFacts(props: { report: Schemas["ReportView"]; children?: ComponentChildren }) {
  const { report } = props;
  return (
    <>
      <h1>{report.title}</h1>
      <p>
        <StatusBadge status={report.status} /> {report.agency.name}
        {report.anonymous && <span class="badge">{t("anonymousLabel")}</span>}
        {report.confidential && <span class="badge badge-confidential">{t("confidentialLabel")}</span>}
      </p>
      <p class="description">{report.description}</p>
      <dl class="facts">
        <dt>{t("category")}</dt>
        <dd>{report.category.name}</dd>
        <dt>{t("filedAt")}</dt>
        <dd>{formatDateTime(report.createdAt)}</dd>
        {report.location?.address && (
          <>
            <dt>{t("addressLabel")}</dt>
            <dd>{report.location.address}</dd>
          </>
        )}
        {report.rating !== undefined && (
          <>
            <dt>{t("rating")}</dt>
            <dd>{t("ratingValue", { rating: report.rating })}</dd>
          </>
        )}
        {props.children}
      </dl>
    </>
  );
}

/** A period of months (YYYY-MM, both inclusive): this year so far unless changed. */
export function usePeriod(): { from: string; to: string; picker: ComponentChildren } {
  const thisMonth = new Date().toISOString().slice(0, 7);
  const [from, setFrom] = useState(`${thisMonth.slice(0, 4)}-01`);
  const [to, setTo] = useState(thisMonth);
  const month = (label: string, value: string, set: (v: string) => void) => (
    <label key={label}>
      {label}{" "}
      <input type="month" value={value} onChange={(e) => set((e.currentTarget as HTMLInputElement).value)} />
    </label>
  );
  return { from, to, picker: [month(t("fromMonth"), from, setFrom), month(t("toMonth"), to, setTo)] };
}

/**
 * A checkbox or radio button with its title and, beneath it, a hint in plain words: the label holds
 * both, so a tap anywhere on them toggles the input; `hintId` names the hint for aria-describedby.
 */
export function Choice(
  props: InputHTMLAttributes<HTMLInputElement> & { title: string; hint?: string; hintId?: string },
) {
  const { title, hint, hintId, ...input } = props;
  return (
    <label class="choice">
      <input {...input} {...(hint && hintId && { "aria-describedby": hintId })} />
      <span>
        <strong>{title}</strong>
        {hint && (
          <span id={hintId} class="hint">
            {hint}
          </span>
        )}
      </span>
    </label>
  );
}
