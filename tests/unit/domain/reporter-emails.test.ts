/** Reporter e-mails: both languages, both formats, what to do next, and nothing they must not carry. */
import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "../../../functions/domain/notifications";
import { reporterEmail } from "../../../functions/domain/reporter-emails";

const report = {
  trackingId: "7KQ4M-9TXRR",
  title: "Jalan rusak di Desa Sambongrejo",
  confidential: false,
  status: "on_hold" as const,
};
const url = "https://lapor.example.go.id/lacak/7KQ4M-9TXRR";

describe("reporter e-mails", () => {
  it("name the tracking ID, the status and the link, in Indonesian or English, as text and HTML", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of ["id", "en"] as const) {
        const mail = reporterEmail(kind, report, { visibility: "public" }, { locale, trackingUrl: url });
        expect(mail.subject).toContain("7KQ4M-9TXRR");
        expect(mail.text).toContain(url);
        expect(mail.html).toContain(`href="${url}"`);
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.text).toContain(locale === "id" ? "Ditunda" : "on hold");
      }
    }
  });

  it("say what is needed on hold, why a report was archived, and ask to accept or reject a proposal", () => {
    const held = reporterEmail(
      "held",
      report,
      { note: "Mohon kirim foto lokasi.", visibility: "public", noteVisibility: "reporter" },
      { locale: "id", trackingUrl: url },
    );
    expect(held.text).toContain("Mohon kirim foto lokasi.");
    expect(held.text).toContain("30 hari");
    const archived = reporterEmail(
      "archived",
      { ...report, status: "archived" },
      { visibility: "public", archiveReason: "duplicate" },
      { locale: "en", trackingUrl: url },
    );
    expect(archived.text).toContain("Reason: it duplicates another report.");
    const proposal = reporterEmail(
      "resolution_proposed",
      { ...report, status: "in_progress" },
      { visibility: "public" },
      { locale: "en", trackingUrl: url },
    );
    expect(proposal.text).toMatch(/Accept or reject/);
  });

  it("carry nothing of a confidential report but that it changed, and no staff-only note ever", () => {
    const secret = reporterEmail(
      "follow_up",
      { ...report, confidential: true, status: "in_progress" },
      { note: "Petugas Budi telah menegur kepala sekolah.", visibility: "public" },
      { locale: "id", trackingUrl: url },
    );
    expect(secret.text).not.toContain("Budi");
    expect(secret.text).not.toContain("Sambongrejo");
    expect(secret.html).not.toContain("Sambongrejo");
    expect(secret.text).toContain("rahasia");
    const internal = reporterEmail(
      "dispatched",
      report,
      { note: "Catatan internal: pelapor sering mengeluh.", visibility: "public", noteVisibility: "staff" },
      { locale: "id", trackingUrl: url },
    );
    expect(internal.text).not.toContain("Catatan internal");
  });

  it("escape what the reporter or staff wrote in the HTML", () => {
    const mail = reporterEmail(
      "follow_up",
      { ...report, title: '<script>alert("x")</script>' },
      { note: "<img src=x onerror=alert(1)>", visibility: "public" },
      { locale: "en", trackingUrl: url },
    );
    expect(mail.html).not.toMatch(/<script|<img/);
    expect(mail.html).toContain("&lt;script&gt;");
  });
});
