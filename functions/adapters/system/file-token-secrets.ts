import { readFile } from "node:fs/promises";
import { type TokenSecret, tokenSecret } from "../../domain/secrets";
import type { TokenSecrets } from "../../use-cases/ports";
import { onceUntilFailure } from "./once";

/**
 * The access-token secret of `npm start`: a JSON file `{"current": "...", "previous"?: "..."}` that
 * the local server generates into its data directory on first start (local/token-secret.ts).
 * Read once, like the Secrets Manager adapter.
 */
export class FileTokenSecrets implements TokenSecrets {
  constructor(private readonly file: string) {}

  readonly load = onceUntilFailure(async (): Promise<readonly TokenSecret[]> => {
    const { current, previous } = JSON.parse(await readFile(this.file, "utf8")) as {
      current: string;
      previous?: string;
    };
    return previous ? [tokenSecret(current), tokenSecret(previous)] : [tokenSecret(current)];
  });
}
