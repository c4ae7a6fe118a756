/**
 * No reporter contact in any log line (issue 13): an anonymous reporter files a report, asks for a
 * token code, is notified — and SES fails with an error that quotes the address, as it does for an
 * unverified recipient — with the logger at DEBUG and every line it writes captured. Not one line
 * holds any part of the contact. (Handlers run on DynamoDB Local; the mailer is the one fake,
 * for the failure SES's emulator cannot produce.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handler as notify } from "../../functions/jobs/send-notifications";
import { scrub } from "../../functions/shared/logger";
import type { OutgoingEmail } from "../../functions/use-cases/ports";
import { lambdaContext } from "../fixtures/http-events";
import { validReport } from "../fixtures/in-memory";
import { invoke } from "../setup/invoke";
import { useSeededContainer } from "../setup/seeded-container";

// Before the logger is built (the handlers' middleware resets the level to the initial one).
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = "DEBUG";
});

const contact = {
  name: "Wulandari Kusumawati",
  email: "wulan.kusuma@rahasia.example",
  phone: "+62 812 9988 7766",
};
const parts = ["Wulandari", "Kusumawati", "wulan.kusuma", "rahasia.example", "9988", "7766"];

const failingMailer = {
  async send(email: OutgoingEmail): Promise<void> {
    throw Object.assign(
      new Error(
        `Email address is not verified. The following identities failed the check: ${email.to.join(", ")}`,
      ),
      { name: "MessageRejected" },
    );
  },
};

useSeededContainer({ mailer: failingMailer });

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("log lines", () => {
  it("carry no part of an anonymous reporter's contact, even when SES quotes the address back", async () => {
    const filed = await invoke("POST /v1/reports", {
      body: { ...validReport, anonymous: true, reporter: contact },
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(filed.status).toBe(201);
    const trackingId = filed.body.trackingId as string;
    const asked = await invoke("POST /v1/reports/{trackingId}/access-token", { path: { trackingId } });
    expect(asked.status).toBe(202);
    const notified = await notify(
      {
        Records: [
          {
            messageId: "m-1",
            receiptHandle: "r",
            body: JSON.stringify({ v: 2, trackingId, seq: 1 }),
            attributes: {
              ApproximateReceiveCount: "1",
              SentTimestamp: "0",
              SenderId: "s",
              ApproximateFirstReceiveTimestamp: "0",
            },
            messageAttributes: {},
            md5OfBody: "",
            eventSource: "aws:sqs",
            eventSourceARN: "arn:aws:sqs:ap-southeast-3:000000000000:notifications",
            awsRegion: "ap-southeast-3",
          },
        ],
      },
      lambdaContext,
    );
    expect(notified.batchItemFailures).toEqual([{ itemIdentifier: "m-1" }]);

    const logged = lines.join("");
    // The test saw the lines it means to judge: the failure, with its correlation id, and SES's words.
    expect(logged).toContain("access-token code not sent");
    expect(logged).toContain("notifications message failed");
    expect(logged).toContain('"correlation_id":"m-1"');
    expect(logged).toContain("The following identities failed the check: [email]");
    for (const part of parts) expect(logged).not.toContain(part);
  });

  it("scrub masks addresses and Indonesian and international phone numbers, not dates or tracking IDs", () => {
    expect(scrub("to siti@example.org and budi.s@mail.co.id")).toBe("to [email] and [email]");
    expect(scrub("call 081234567890, +62 812 3456 7890 or 6281234567890")).toBe(
      "call [phone], [phone] or [phone]",
    );
    expect(scrub("2026-11-28T10:00:00.000Z 7KQ4M-9TXRR 42 requests")).toBe(
      "2026-11-28T10:00:00.000Z 7KQ4M-9TXRR 42 requests",
    );
  });
});
