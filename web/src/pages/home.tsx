import { t } from "../i18n";

export function HomePage() {
  return (
    <section class="home">
      <h1>{t("homeTitle")}</h1>
      <p class="lead">{t("homeLead")}</p>
      <div class="cards">
        <a class="card" href="/lapor">
          <strong>{t("fileReport")}</strong>
          <span>{t("homeFile")}</span>
        </a>
        <a class="card" href="/lacak">
          <strong>{t("trackReport")}</strong>
          <span>{t("homeTrack")}</span>
        </a>
        <a class="card" href="/publik">
          <strong>{t("publicReports")}</strong>
          <span>{t("homePublic")}</span>
        </a>
        <a class="card" href="/kinerja">
          <strong>{t("performance")}</strong>
          <span>{t("homePerformance")}</span>
        </a>
      </div>
      <h2>{t("howItWorks")}</h2>
      <ol class="steps">
        <li>{t("step1")}</li>
        <li>{t("step2")}</li>
        <li>{t("step3")}</li>
        <li>{t("step4")}</li>
      </ol>
    </section>
  );
}
