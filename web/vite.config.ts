/**
 * The web app's build (`npm run web:build`, also run by `npm start` when the sources changed):
 * Preact with TypeScript's automatic JSX, into web/dist. After writing, it prints the compressed
 * JavaScript each page loads and fails the build when the filing page — the entry and everything it
 * imports statically; the staff console is loaded on demand — passes its budget (issue 14).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";

/** Compressed JavaScript a citizen's phone downloads for the filing page, at most (issue 14). */
export const FILING_PAGE_BUDGET_KB = 100;

const root = resolve(import.meta.dirname);

function sizeBudget(): Plugin {
  return {
    name: "aduan-size-budget",
    apply: "build",
    writeBundle(options, bundle) {
      const dir = options.dir ?? join(root, "dist");
      const gz = (file: string) => gzipSync(readFileSync(join(dir, file))).length;
      const chunks = Object.values(bundle).filter((c) => c.type === "chunk");
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) throw new Error("no entry chunk");
      const loaded = new Set<string>();
      const visit = (file: string) => {
        if (loaded.has(file)) return;
        loaded.add(file);
        const chunk = chunks.find((c) => c.fileName === file);
        for (const imported of chunk?.imports ?? []) visit(imported);
      };
      visit(entry.fileName);
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      const filing = [...loaded].reduce((sum, file) => sum + gz(file), 0);
      const lines = chunks
        .filter((c) => !loaded.has(c.fileName))
        .map((c) => `  on demand  ${c.fileName.padEnd(40)} ${kb(gz(c.fileName)).padStart(9)} gzip`);
      console.log(
        [
          `Filing page JavaScript: ${kb(filing)} gzip (budget ${FILING_PAGE_BUDGET_KB} KB) in ${loaded.size} file(s)`,
          ...lines,
        ].join("\n"),
      );
      if (filing > FILING_PAGE_BUDGET_KB * 1024)
        throw new Error(
          `the filing page loads ${kb(filing)} of compressed JavaScript, over ${FILING_PAGE_BUDGET_KB} KB`,
        );
    },
  };
}

export default defineConfig({
  root,
  // Types are checked by `npm run typecheck` (tsc -p web); the build only strips them.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: join(root, "dist"), emptyOutDir: true, target: "es2022", sourcemap: true },
  plugins: [sizeBudget()],
  logLevel: "warn",
});
