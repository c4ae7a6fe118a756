import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * The local stand-in for the deployment's access-token secret (Secrets Manager in AWS): 48 random
 * bytes generated into the data directory on first start and kept, so that tokens derived before
 * a restart still match. Owner-only file permissions; never printed.
 */
export async function ensureTokenSecretFile(dataDir: string): Promise<string> {
  const file = join(dataDir, "access-token-secret.json");
  try {
    const { current } = JSON.parse(await readFile(file, "utf8")) as { current?: unknown };
    if (typeof current === "string" && current.length >= 32) return file;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ current: randomBytes(48).toString("base64url") })}\n`, {
    mode: 0o600,
  });
  return file;
}
