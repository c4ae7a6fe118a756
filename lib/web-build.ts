/**
 * How the web app is built for production, declared once: `npm start` runs it when web/ changed
 * (local/web-app.ts) and the CDK runs it to bundle the app's files (lib/web-stack.ts). Vite runs
 * in a child process of this Node (its memory, workers and signal handlers stay out of the caller)
 * and prints the filing page's JavaScript against its budget (web/vite.config.ts).
 */
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

/** The command and arguments of a production build, into web/dist or `outDir`. */
export function webBuildCommand(outDir?: string): { command: string; args: string[]; cwd: string } {
  return {
    command: process.execPath,
    args: [
      join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js"),
      "build",
      "--config",
      join(REPO_ROOT, "web", "vite.config.ts"),
      ...(outDir ? ["--outDir", outDir, "--emptyOutDir"] : []),
    ],
    cwd: REPO_ROOT,
  };
}
