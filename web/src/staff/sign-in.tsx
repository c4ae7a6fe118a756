/**
 * Sign-in. In AWS: Cognito's managed login (authorization code with PKCE). Locally (`npm start`):
 * a demo sign-in that picks a role and an agency and asks the local server for a token
 * (`POST /_local/token`, which exists only there).
 */
import { useState } from "preact/hooks";
import { useAgencies } from "../agencies";
import { Alert } from "../components";
import { t } from "../i18n";
import { type SignInConfig, signIn, startCognitoSignIn } from "./session";

const ROLES = ["national_admin", "agency_admin", "unit_admin", "liaison_officer", "supervisor"] as const;

export function SignIn(props: { config: SignInConfig; onSignedIn: () => void }) {
  const agencies = useAgencies();
  const [problem, setProblem] = useState<string>();
  const { config } = props;
  if (config.kind === "cognito")
    return (
      <section>
        <h1>{t("staffSignIn")}</h1>
        <p>{t("cognitoSignInHelp")}</p>
        <button type="button" class="primary" onClick={() => void startCognitoSignIn(config)}>
          {t("signInWithAgencyAccount")}
        </button>
      </section>
    );
  return (
    <section>
      <h1>{t("staffSignIn")}</h1>
      <Alert kind="info">{t("demoSignInHelp")}</Alert>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget as HTMLFormElement);
          const response = await fetch("/_local/token", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ role: form.get("role"), agencyId: form.get("agencyId") }),
          });
          const body = (await response.json().catch(() => ({}))) as { token?: string; message?: string };
          if (!response.ok || !body.token) return setProblem(body.message ?? `HTTP ${response.status}`);
          signIn(body.token);
          props.onSignedIn();
        }}
      >
        <label for="role">{t("roleLabel")}</label>
        <select id="role" name="role" required>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role_${role}`)}
            </option>
          ))}
        </select>
        <label for="agencyId">{t("agencyLabel")}</label>
        <select id="agencyId" name="agencyId" required>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name} ({agency.id})
            </option>
          ))}
        </select>
        {problem && <Alert kind="error">{problem}</Alert>}
        <button type="submit" class="primary">
          {t("signIn")}
        </button>
      </form>
    </section>
  );
}
