import { fileURLToPath } from "node:url";

/** Repository root (the directory holding package.json, package-lock.json and node_modules). */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Absolute path of a file below the repository root. */
export function repoPath(...segments: string[]): string {
  return fileURLToPath(new URL(segments.join("/"), new URL("..", import.meta.url)));
}
