import { readFile } from "node:fs/promises";
import { type TokenSecret, tokenSecret } from "../../domain/secrets";
import type { TokenSecrets } from "../../use-cases/ports";

/**
 * The access-token secret of `npm start`: a JSON file `{"current": "...", "previous"?: "..."}` that
 * the local server generates into its data directory on first start (local/token-secret.ts).
 * Read once, like the Secrets Manager adapter.
 */
export class FileTokenSecrets implements TokenSecrets {
  private loading: Promise<readonly TokenSecret[]> | undefined;

  constructor(private readonly file: string) {}

  load(): Promise<readonly TokenSecret[]> {
    this.loading ??= readFile(this.file, "utf8").then((text) => {
      const { current, previous } = JSON.parse(text) as { current: string; previous?: string };
      return previous ? [tokenSecret(current), tokenSecret(previous)] : [tokenSecret(current)];
    });
    this.loading.catch(() => {
      this.loading = undefined;
    });
    return this.loading;
  }
}
