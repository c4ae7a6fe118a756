import { describe, expect, it } from "vitest";
import { STAFF_ROLES } from "../../../functions/domain/constants";
import { Directory } from "../../../functions/domain/directory";
import { createReport } from "../../../functions/domain/report";
import { reporterMessage } from "../../../functions/domain/reporter-actions";
import { hold, verify } from "../../../functions/domain/staff-actions";
import { localeFrom } from "../../../functions/domain/text";
import { type Action, invalidTransition, TRANSITIONS } from "../../../functions/domain/transitions";
import { SubmitReportRequest } from "../../../functions/shared/api-schemas";
import { validate } from "../../../functions/shared/http";
import { domainErrorOf } from "../../fixtures/errors";
import { demoDirectoryData, testRules, validReport } from "../../fixtures/in-memory";

const directory = new Directory(demoDirectoryData);
const now = new Date("2026-11-23T03:00:00Z");
const ctx = { now, directory, rules: testRules };
const { report } = createReport(validReport, {
  trackingId: "22222-22222",
  accessTokenHash: "00",
  now,
  directory,
  rules: testRules,
});

const sentence = (message: string) => {
  expect(message).not.toMatch(/_/);
  expect(message).toMatch(/^[A-Z'].*\.$/);
};

describe("the reader's language", () => {
  it.each([
    [undefined, "id"],
    ["", "id"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR, en;q=0.5", "en"],
    ["id-ID,id;q=0.9,en;q=0.8", "id"],
    ["en;q=0.2, id;q=0.8", "id"],
    ["in", "id"],
    ["de, fr", "id"],
    ["en;q=0", "id"],
  ])("Accept-Language %j → %s", (header, locale) => {
    expect(localeFrom(header)).toBe(locale);
  });
});

describe("messages read as sentences in both languages", () => {
  it("every refusal of a role, for every action", () => {
    for (const action of Object.keys(TRANSITIONS) as Action[]) {
      const error = invalidTransition({ ...report, status: "archived" }, action);
      sentence(error.text.en);
      sentence(error.text.id);
    }
    for (const role of STAFF_ROLES.filter((r) => !TRANSITIONS.hold.by.includes(r))) {
      const error = domainErrorOf(() =>
        hold(report, { userId: "u", role, agencyId: "nasional" }, "why", ctx),
      );
      expect(error.kind).toBe("forbidden");
      sentence(error.text.en);
      sentence(error.text.id);
    }
    const reply = domainErrorOf(() => reporterMessage({ ...report, status: "resolved" }, "hi", ctx));
    expect(reply.text.en).toBe(`Report ${report.trackingId} cannot be replied to: it is resolved.`);
    expect(reply.text.id).toBe(
      `Laporan ${report.trackingId} tidak dapat dibalas: statusnya sekarang Selesai.`,
    );
    const supervisor = domainErrorOf(() =>
      verify(report, { userId: "s", role: "supervisor", agencyId: "nasional" }, {}, ctx),
    );
    expect(supervisor.text.en).toBe("A supervisor may not verify a report.");
    expect(supervisor.text.id).toBe("Pengawas tidak berwenang memverifikasi laporan.");
  });

  it("validation details come in Indonesian and English", () => {
    const error = domainErrorOf(() =>
      validate(SubmitReportRequest, { ...validReport, title: "ab", reporter: { phone: "x" } }),
    );
    const title = error.details.find((d) => d.field === "title");
    expect(title?.message.en).toMatch(/Too small/);
    expect(title?.message.id).toMatch(/Terlalu kecil/);
    const phone = error.details.find((d) => d.field === "reporter.phone");
    expect(phone?.message.id).toBe("nomor telepon seperti +62 812 3456 7890");
  });
});
