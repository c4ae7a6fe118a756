/** The staff console: sign-in, the inbox, a report with the actions of this role, the dashboard. */
import { useEffect, useState } from "preact/hooks";
import { Alert } from "../components";
import { t } from "../i18n";
import { match, navigate } from "../router";
import { Dashboard } from "./dashboard";
import { Inbox } from "./inbox";
import { StaffReport } from "./report";
import { currentSession, finishCognitoSignIn, type SignInConfig, signInConfig, signOut } from "./session";
import { SignIn } from "./sign-in";

export function StaffConsole(props: { params: Record<string, string>; query: URLSearchParams }) {
  const path = props.params.path ?? "/staf";
  const [config, setConfig] = useState<SignInConfig>();
  const [problem, setProblem] = useState<string>();
  const [, setTick] = useState(0);
  useEffect(() => {
    void signInConfig().then(setConfig);
  }, []);
  // Back from Cognito's managed login: trade the code for the tokens, then open the inbox.
  useEffect(() => {
    if (config?.kind === "cognito" && path === "/staf/masuk" && props.query.get("code"))
      void finishCognitoSignIn(config, props.query)
        .then(() => navigate("/staf", true))
        .catch((error: unknown) => {
          // The detail is for whoever debugs it; the staff member reads what to do.
          console.warn("Cognito sign-in:", error);
          setProblem(t("signInFailed"));
        });
  }, [config, path, props.query]);

  const session = currentSession();
  if (!config) return <p role="status">{t("loading")}</p>;
  if (!session)
    return (
      <>
        {problem && <Alert kind="error">{problem}</Alert>}
        <SignIn
          config={config}
          onSignedIn={() => (path === "/staf/masuk" ? navigate("/staf", true) : setTick((n) => n + 1))}
        />
      </>
    );

  const report = match("/staf/laporan/:id", path);
  return (
    <>
      <p class="session">
        {t("signedInAs", {
          role: t(`role_${session.claims.role}` as never),
          agency: session.claims.agencyId,
        })}{" "}
        <button
          type="button"
          class="link"
          onClick={() => {
            signOut();
            navigate("/staf");
          }}
        >
          {t("signOut")}
        </button>
      </p>
      {report?.id ? (
        <StaffReport trackingId={report.id} claims={session.claims} key={report.id} />
      ) : path === "/staf/dasbor" ? (
        <Dashboard claims={session.claims} />
      ) : (
        <Inbox claims={session.claims} />
      )}
    </>
  );
}
