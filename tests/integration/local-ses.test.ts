/**
 * The local SES emulator's inbox: it survives a restart from its file, and keeps only the newest
 * e-mails — in memory as new ones come, in the file from the next start — so that a local stage
 * left running for months does not fill the disk.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/dynamodb-local";
import { type LocalSes, startLocalSes } from "../../local/local-ses";

let dir: string;
let ses: LocalSes | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aduan-ses-"));
});
afterAll(async () => {
  await ses?.stop();
  await rm(dir, { recursive: true, force: true });
});

const stored = (subject: string, at: number) => JSON.stringify({ messageId: `m-${at}`, at, subject });

describe("local SES inbox", () => {
  it("loads the newest of its file at start, trims the file, and keeps the newest as e-mails arrive", async () => {
    const file = join(dir, "inbox.jsonl");
    await writeFile(file, `${[1, 2, 3, 4, 5].map((n) => stored(`old ${n}`, n)).join("\n")}\n`);
    ses = await startLocalSes({ inboxFile: file, keep: 3 });
    const subjects = async () =>
      (
        (await (await fetch(`${ses?.endpoint}/store`)).json()) as { emails: { subject: string }[] }
      ).emails.map((email) => email.subject);
    expect(await subjects()).toEqual(["old 3", "old 4", "old 5"]);
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(3);

    const client = new SESv2Client({
      endpoint: ses.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: "noreply@aduan.test",
        Destination: { ToAddresses: ["warga@example.test"] },
        Content: { Simple: { Subject: { Data: "new" }, Body: { Text: { Data: "isi" } } } },
      }),
    );
    client.destroy();
    expect(await subjects()).toEqual(["old 4", "old 5", "new"]);
    // On disk before the answer: the file has it too (trimmed again at the next start).
    expect(await readFile(file, "utf8")).toContain('"subject":"new"');
  });
});
