/**
 * Filing a report, phone first: the kind in plain words, the category over the tree, where it
 * happened (address, or the phone's position if the reporter allows), anonymity and
 * confidentiality explained before they are chosen, photos and documents uploaded with progress.
 * One Idempotency-Key per form: a double tap or a retry files once.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { useAgencies } from "../agencies";
import { api, idempotencyKey, problemOf, type Schemas } from "../api/client";
import { Alert, Choice, CopyButton, categoryGroups } from "../components";
import { currentLang, type MessageKey, t } from "../i18n";
import { keepToken } from "../reporter-tokens";
import { ACCEPTED_FILES, addReporterFile } from "../upload";

const KINDS = ["complaint", "aspiration", "information_request"] as const;
const CITIZEN_TARGETS = new Set(["national", "ministry", "province", "regency", "city"]);

interface Upload {
  readonly file: File;
  progress: number;
  state: "waiting" | "uploading" | "done" | "failed";
  error?: string;
}

export function FilePage() {
  const [categories, setCategories] = useState<Schemas["CategoryNode"][]>([]);
  const directory = useAgencies();
  const agencies = useMemo(() => directory.filter((a) => CITIZEN_TARGETS.has(a.level)), [directory]);
  const [kind, setKind] = useState<(typeof KINDS)[number]>("complaint");
  const [position, setPosition] = useState<{ lat: number; lng: number }>();
  const [locating, setLocating] = useState<"idle" | "busy" | "denied">("idle");
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [receipt, setReceipt] = useState<Schemas["SubmitReportReceipt"]>();
  const [uploads, setUploads] = useState<Upload[]>([]);
  // One key for this form, whatever happens to the first request: the API answers a retry with
  // the first receipt instead of filing twice.
  const key = useMemo(idempotencyKey, []);

  useEffect(() => {
    void api.GET("/v1/categories").then(({ data }) => data && setCategories(data.categories));
  }, []);

  if (receipt) return <Receipt receipt={receipt} uploads={uploads} />;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => {
      const value = String(form.get(name) ?? "").trim();
      return value === "" ? undefined : value;
    };
    const reporter = { name: text("name"), email: text("email"), phone: text("phone") };
    const location = {
      ...(text("address") && { address: text("address") }),
      ...(position && { lat: position.lat, lng: position.lng }),
    };
    setBusy(true);
    setProblem(undefined);
    const { data, error, response } = await api
      .POST("/v1/reports", {
        headers: { "Idempotency-Key": key },
        body: {
          kind,
          title: text("title") ?? "",
          description: text("description") ?? "",
          category: text("category") ?? "",
          ...(text("occurredOn") && { occurredOn: text("occurredOn") }),
          ...(Object.keys(location).length > 0 && { location }),
          ...(text("agencyId") && { agencyId: text("agencyId") }),
          anonymous: form.get("anonymous") === "on",
          confidential: form.get("confidential") === "on",
          ...(Object.values(reporter).some(Boolean) && {
            reporter: Object.fromEntries(Object.entries(reporter).filter(([, v]) => v)),
          }),
          locale: currentLang(),
        },
      })
      .catch((failure: unknown) => ({
        data: undefined,
        error: { message: String(failure) },
        response: new Response(null, { status: 0 }),
      }));
    setBusy(false);
    if (!data) {
      setProblem(problemOf(error, response));
      return;
    }
    if (data.accessToken) keepToken(data.trackingId, data.accessToken, false);
    const list: Upload[] = files.map((file) => ({ file, progress: 0, state: "waiting" }));
    setUploads(list);
    setReceipt(data);
    if (data.accessToken) void uploadAll(data.trackingId, data.accessToken, list, setUploads);
  }

  const groups = categoryGroups(categories);
  return (
    <section>
      <h1>{t("fileTitle")}</h1>
      <p>{t("fileIntro")}</p>
      <form onSubmit={submit} noValidate={false}>
        <fieldset>
          <legend>{t("kindQuestion")}</legend>
          {KINDS.map((k) => (
            <Choice
              key={k}
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
              title={t(`kind_${k}` as MessageKey)}
              hint={t(`kindHelp_${k}` as MessageKey)}
            />
          ))}
        </fieldset>

        <label for="title">{t("titleLabel")}</label>
        <input id="title" name="title" required minLength={5} maxLength={200} aria-describedby="title-hint" />
        <p id="title-hint" class="hint">
          {t("titleHint")}
        </p>

        <label for="description">{t("descriptionLabel")}</label>
        <textarea
          id="description"
          name="description"
          required
          minLength={10}
          maxLength={10000}
          rows={6}
          aria-describedby="description-hint"
        />
        <p id="description-hint" class="hint">
          {t("descriptionHint")}
        </p>

        <label for="category">{t("categoryLabel")}</label>
        <select id="category" name="category" required>
          <option value="">{t("choose")}</option>
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.leaves.map((leaf) => (
                <option key={leaf.code} value={leaf.code}>
                  {leaf.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>

        <label for="agencyId">{t("agencyLabel")}</label>
        <select id="agencyId" name="agencyId" aria-describedby="agency-hint">
          <option value="">{t("agencyUnknown")}</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </select>
        <p id="agency-hint" class="hint">
          {t("agencyHint")}
        </p>

        <label for="occurredOn">{t("occurredOnLabel")}</label>
        <input id="occurredOn" name="occurredOn" type="date" max={new Date().toISOString().slice(0, 10)} />

        <label for="address">{t("addressLabel")}</label>
        <input id="address" name="address" autocomplete="street-address" maxLength={300} />
        <div class="row">
          <button
            type="button"
            class="secondary"
            disabled={locating === "busy"}
            onClick={() => {
              if (!navigator.geolocation) return setLocating("denied");
              setLocating("busy");
              navigator.geolocation.getCurrentPosition(
                (p) => {
                  setPosition({
                    lat: Number(p.coords.latitude.toFixed(6)),
                    lng: Number(p.coords.longitude.toFixed(6)),
                  });
                  setLocating("idle");
                },
                () => setLocating("denied"),
                { enableHighAccuracy: true, timeout: 15_000 },
              );
            }}
          >
            {t("useMyLocation")}
          </button>
          <span role="status" class="hint">
            {position && t("locationSet", { lat: position.lat, lng: position.lng })}
            {locating === "busy" && t("locating")}
            {locating === "denied" && t("locationDenied")}
          </span>
          {position && (
            <button type="button" class="link" onClick={() => setPosition(undefined)}>
              {t("removeLocation")}
            </button>
          )}
        </div>

        <fieldset>
          <legend>{t("privacyQuestion")}</legend>
          <Choice
            type="checkbox"
            name="anonymous"
            title={t("anonymousLabel")}
            hint={t("anonymousHelp")}
            hintId="anonymous-help"
          />
          <Choice
            type="checkbox"
            name="confidential"
            title={t("confidentialLabel")}
            hint={t("confidentialHelp")}
            hintId="confidential-help"
          />
        </fieldset>

        <fieldset>
          <legend>{t("contactQuestion")}</legend>
          <p class="hint">{t("contactHelp")}</p>
          <label for="name">{t("nameLabel")}</label>
          <input id="name" name="name" autocomplete="name" maxLength={200} />
          <label for="email">{t("emailLabel")}</label>
          <input id="email" name="email" type="email" autocomplete="email" maxLength={254} />
          <label for="phone">{t("phoneLabel")}</label>
          <input id="phone" name="phone" type="tel" autocomplete="tel" maxLength={20} />
        </fieldset>

        <label for="files">{t("filesLabel")}</label>
        <input
          id="files"
          name="files"
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          aria-describedby="files-hint"
          onChange={(e) => setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])])}
        />
        <p id="files-hint" class="hint">
          {t("filesHint")}
        </p>

        {problem && <Alert kind="error">{problem}</Alert>}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t("sending") : t("send")}
        </button>
      </form>
    </section>
  );
}

async function uploadAll(trackingId: string, token: string, list: Upload[], publish: (u: Upload[]) => void) {
  const update = (i: number, patch: Partial<Upload>) => {
    list = list.map((u, j) => (j === i ? { ...u, ...patch } : u));
    publish(list);
  };
  for (const [i, { file }] of list.entries()) {
    update(i, { state: "uploading" });
    try {
      await addReporterFile(trackingId, token, file, (progress) => update(i, { progress }));
      update(i, { state: "done", progress: 1 });
    } catch (failure) {
      update(i, { state: "failed", error: (failure as Error).message });
    }
  }
}

function Receipt(props: { receipt: Schemas["SubmitReportReceipt"]; uploads: Upload[] }) {
  const { receipt } = props;
  const [remember, setRemember] = useState(false);
  const token = receipt.accessToken;
  const saved = `Aduan\n${t("trackingId")}: ${receipt.trackingId}\n${token ? `${t("accessToken")}: ${token}\n` : ""}${location.origin}/lacak/${receipt.trackingId}\n`;
  return (
    <section aria-labelledby="receipt-title">
      <h1 id="receipt-title">{t("receiptTitle")}</h1>
      <Alert kind="success">{t("receiptFiled")}</Alert>
      <dl class="receipt">
        <dt>{t("trackingId")}</dt>
        <dd>
          <code data-testid="tracking-id">{receipt.trackingId}</code>{" "}
          <CopyButton value={receipt.trackingId} label={t("copy")} />
        </dd>
        {token && (
          <>
            <dt>{t("accessToken")}</dt>
            <dd>
              <code data-testid="access-token" class="secret">
                {token}
              </code>{" "}
              <CopyButton value={token} label={t("copy")} />
            </dd>
          </>
        )}
      </dl>
      {token && <Alert kind="info">{t("tokenShownOnce")}</Alert>}
      <div class="row">
        <button type="button" class="secondary" onClick={() => print()}>
          {t("print")}
        </button>
        <a
          class="button secondary"
          download={`aduan-${receipt.trackingId}.txt`}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(saved)}`}
        >
          {t("saveFile")}
        </a>
      </div>
      {token && (
        <Choice
          type="checkbox"
          checked={remember}
          onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            setRemember(on);
            keepToken(receipt.trackingId, token, on);
          }}
          title={t("rememberToken")}
          hint={t("rememberTokenHelp")}
        />
      )}
      {props.uploads.length > 0 && (
        <>
          <h2>{t("uploadsTitle")}</h2>
          <ul class="uploads">
            {props.uploads.map((u) => (
              <li key={u.file.name}>
                <span>{u.file.name}</span>
                <progress
                  max={1}
                  value={u.progress}
                  aria-label={t("uploadProgress", { name: u.file.name })}
                />
                <span role="status">{t(`upload_${u.state}` as MessageKey)}</span>
                {u.error && <span class="error-text">{u.error}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a class="button primary" href={`/lacak/${receipt.trackingId}`}>
          {t("trackThisReport")}
        </a>
      </p>
    </section>
  );
}
