/**
 * The local SES: aws-ses-v2-local (an SES v2 API emulator with a web inbox) in-process on
 * 127.0.0.1. The functions reach it through AWS_ENDPOINT_URL_SESV2, as they reach SES in AWS.
 *
 * Its inbox lives in memory; here every accepted e-mail is also appended to a file in the data
 * directory and loaded back at start, so the inbox survives a restart (and a crash) like the
 * table and the queues do: a notification sent just before the process died is still there after.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
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

export async function startLocalSes(options: { readonly inboxFile: string }): Promise<LocalSes> {
  // A CommonJS package: its store module is patched through the exports object its routes call.
  const require = createRequire(import.meta.url);
  const store = require("aws-ses-v2-local/dist/store.js") as SesStoreModule;
  const start = (
    require("aws-ses-v2-local") as { default: (c: { host: string; port: number }) => Promise<Server> }
  ).default;
  const emails = store.getStoreReadonly().emails;
  if (emails.length === 0 && existsSync(options.inboxFile)) {
    for (const line of readFileSync(options.inboxFile, "utf8").split("\n")) {
      if (line.trim()) emails.push(JSON.parse(line) as StoredEmail);
    }
  }
  const save = store.saveEmail;
  store.saveEmail = (email) => {
    // On disk before the API answers: an e-mail the sender was told about is never lost.
    appendFileSync(options.inboxFile, `${JSON.stringify(email)}\n`, { mode: 0o600 });
    save(email);
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
