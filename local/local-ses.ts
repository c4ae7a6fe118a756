/**
 * The local SES: aws-ses-v2-local (an SES v2 API emulator with a web inbox) in-process on
 * 127.0.0.1. The functions reach it through AWS_ENDPOINT_URL_SESV2, as they reach SES in AWS.
 *
 * Its inbox lives in memory; here every accepted e-mail is also appended to a file in the data
 * directory and loaded back at start, so the inbox survives a restart (and a crash) like the
 * table and the queues do: a notification sent just before the process died is still there after.
 * It keeps the newest LOCAL_INBOX_KEEP: older ones leave memory as new ones come, and the file at
 * the next start.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";

export interface LocalSes {
  /** `http://127.0.0.1:<port>`: the API endpoint, and `/` is the web inbox, `/store` the JSON. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

interface StoredEmail {
  readonly messageId: string;
  readonly at: number;
  readonly [field: string]: unknown;
}

interface SesStoreModule {
  saveEmail(email: StoredEmail): void;
  getStoreReadonly(): { emails: StoredEmail[] };
}

/** How many e-mails the inbox keeps, newest: a long-lived local stage must not fill the disk. */
export const LOCAL_INBOX_KEEP = 1000;

export async function startLocalSes(options: {
  readonly inboxFile: string;
  /** @default LOCAL_INBOX_KEEP */
  readonly keep?: number;
}): Promise<LocalSes> {
  const keep = options.keep ?? LOCAL_INBOX_KEEP;
  // A CommonJS package: its store module is patched through the exports object its routes call.
  const require = createRequire(import.meta.url);
  const store = require("aws-ses-v2-local/dist/store.js") as SesStoreModule;
  const start = (
    require("aws-ses-v2-local") as { default: (c: { host: string; port: number }) => Promise<Server> }
  ).default;
  const emails = store.getStoreReadonly().emails;
  if (emails.length === 0 && existsSync(options.inboxFile)) {
    const lines = readFileSync(options.inboxFile, "utf8")
      .split("\n")
      .filter((line) => line.trim());
    for (const line of lines.slice(-keep)) emails.push(JSON.parse(line) as StoredEmail);
    if (lines.length > keep) {
      // The oldest go at start, the file replaced whole (a crash leaves the old one or the new).
      const trimmed = `${options.inboxFile}.tmp`;
      writeFileSync(trimmed, `${lines.slice(-keep).join("\n")}\n`, { mode: 0o600 });
      renameSync(trimmed, options.inboxFile);
    }
  }
  const save = store.saveEmail;
  store.saveEmail = (email) => {
    // On disk before the API answers: an e-mail the sender was told about is never lost.
    appendFileSync(options.inboxFile, `${JSON.stringify(email)}\n`, { mode: 0o600 });
    save(email);
    if (emails.length > keep) emails.splice(0, emails.length - keep);
  };
  const server = await start({ host: "127.0.0.1", port: 0 });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        store.saveEmail = save;
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
