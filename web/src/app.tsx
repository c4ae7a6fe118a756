/**
 * The shell: a header with the site's sections and the language switch, then the page the path
 * names. Citizen pages are in the entry chunk (the filing page's budget); the staff console is
 * loaded on demand.
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { setLang, t, useLang } from "./i18n";
import { FilePage } from "./pages/file";
import { HomePage } from "./pages/home";
import { PerformancePage } from "./pages/performance";
import { PublicPage } from "./pages/public";
import { TrackPage } from "./pages/track";
import { match, onLinkClick, useLocation } from "./router";

type Page = ComponentType<{ params: Record<string, string>; query: URLSearchParams }>;

const CITIZEN: [string, Page][] = [
  ["/", HomePage],
  ["/lapor", FilePage],
  ["/lacak", TrackPage],
  ["/lacak/:id", TrackPage],
  ["/publik", PublicPage],
  ["/kinerja", PerformancePage],
];

/** The staff console, fetched the first time a /staf path is opened. */
function useStaffConsole(active: boolean): Page | undefined {
  const [console_, setConsole] = useState<Page>();
  useEffect(() => {
    if (active && !console_) void import("./staff/console").then((m) => setConsole(() => m.StaffConsole));
  }, [active, console_]);
  return console_;
}

export function App() {
  const lang = useLang();
  const { path, query } = useLocation();
  const staff = path === "/staf" || path.startsWith("/staf/");
  const StaffConsole = useStaffConsole(staff);
  let content = <NotFound />;
  if (staff)
    content = StaffConsole ? (
      <StaffConsole params={{ path }} query={query} />
    ) : (
      <p role="status">{t("loading")}</p>
    );
  else
    for (const [pattern, Page] of CITIZEN) {
      const params = match(pattern, path);
      if (params) {
        content = <Page params={params} query={query} />;
        break;
      }
    }
  useEffect(() => {
    document.title = staff ? `${t("staffConsole")} · Aduan` : `Aduan · ${t("tagline")}`;
  }, [staff, lang]);
  // After an in-app navigation, keyboard and screen-reader users start at the new page's content,
  // as they would after a page load (not at the link they followed).
  const [firstPath] = useState(path);
  useEffect(() => {
    if (path !== firstPath) document.getElementById("main")?.focus();
  }, [path, firstPath]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: delegates link clicks to the router; the links stay links
    // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard activation of a link fires the same click
    <div class="shell" onClick={onLinkClick}>
      <a class="skip" href="#main">
        {t("skipToContent")}
      </a>
      <header class="site">
        <a class="brand" href={staff ? "/staf" : "/"}>
          Aduan <span class="brand-sub">{staff ? t("staffConsole") : t("tagline")}</span>
        </a>
        <nav aria-label={t("mainNavigation")}>
          {staff ? (
            <>
              <a href="/staf">{t("inbox")}</a>
              <a href="/staf/dasbor">{t("dashboard")}</a>
              <a href="/">{t("citizenSite")}</a>
            </>
          ) : (
            <>
              <a href="/lapor">{t("fileReport")}</a>
              <a href="/lacak">{t("trackReport")}</a>
              <a href="/publik">{t("publicReports")}</a>
              <a href="/kinerja">{t("performance")}</a>
            </>
          )}
        </nav>
        <fieldset class="lang">
          <legend class="visually-hidden">{t("language")}</legend>
          {(["id", "en"] as const).map((code) => (
            <button
              type="button"
              key={code}
              aria-pressed={lang === code}
              lang={code}
              onClick={() => setLang(code)}
            >
              {code === "id" ? "Bahasa Indonesia" : "English"}
            </button>
          ))}
        </fieldset>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
      <footer class="site">
        <p>{t("footer")}</p>
        <p>
          <a href="/docs">{t("apiDocs")}</a> · <a href="/staf">{t("staffSignIn")}</a>
        </p>
      </footer>
    </div>
  );
}

function NotFound() {
  return (
    <section>
      <h1>{t("notFoundTitle")}</h1>
      <p>
        <a href="/">{t("backHome")}</a>
      </p>
    </section>
  );
}
