/**
 * Amazon DynamoDB Local (AWS's own emulator, a Java jar) as a child process.
 *
 * The jar ships inside the registry package amplify-dynamodb-simulator; that package's own JS
 * launcher only works inside the Amplify CLI, so we start the jar ourselves (see STACK.md).
 * DynamoDB Local has no bind-address option: with a JDK (javac) we launch it through
 * dynamodb-local-loopback.java, which binds it to 127.0.0.1 and makes it exit when we die; with only
 * a JRE we run the plain jar, which listens on all interfaces, and say so.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { findFreePort } from "./free-port";

export interface DynamoDbLocalOptions {
  /** Persist tables in this directory (`-dbPath DIR -sharedDb`); created if missing. @default in memory */
  readonly dataDir?: string;
  /** @default 0: a free port */
  readonly port?: number;
  /** How long to wait for the first successful ListTables. @default 30_000 */
  readonly startTimeoutMs?: number;
  /** Where warnings go (e.g. "listening on all interfaces"). @default console.warn */
  readonly warn?: (message: string) => void;
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`, for `endpoint` / AWS_ENDPOINT_URL_DYNAMODB. */
  readonly endpoint: string;
  readonly port: number;
  /** true when bound to 127.0.0.1 only (JDK present), false when on all interfaces (JRE only). */
  readonly loopbackOnly: boolean;
  /** Resolves when the JVM exits, whoever caused it; lets a caller notice an unexpected death. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the JVM (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. Idempotent. */
  stop(): Promise<void>;
}

const MIN_JAVA = 17;
const INSTALL_HINT =
  `DynamoDB Local needs Java ${MIN_JAVA} or newer. On Debian/Ubuntu: ` +
  "`sudo apt-get install openjdk-17-jre-headless` (or openjdk-17-jdk-headless, which also lets " +
  "DynamoDB Local bind to 127.0.0.1 only); on macOS: `brew install openjdk@17`.";

/** Fake, fixed credentials: DynamoDB Local does not check them, and real ones must never be used. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_REGION = "ap-southeast-3";

const simulatorDir = () =>
  dirname(createRequire(import.meta.url).resolve("amplify-dynamodb-simulator/package.json"));
const emulatorDir = () => join(simulatorDir(), "emulator");
/** node_modules/.cache/aduan-dynamodb-local: rebuilt after a fresh install, never committed. */
const cacheDir = () => join(simulatorDir(), "..", ".cache", "aduan-dynamodb-local");
const loopbackLauncher = resolve(dirname(fileURLToPath(import.meta.url)), "dynamodb-local-loopback.java");

export async function startDynamoDbLocal(opts: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  await checkJava();
  const port = opts.port || (await findFreePort());
  const emulator = emulatorDir();
  const jar = join(emulator, "DynamoDBLocal.jar");

  const storage = opts.dataDir ? ["-dbPath", resolve(opts.dataDir), "-sharedDb"] : ["-inMemory"];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const jarArgs = ["-port", String(port), ...storage, "-disableTelemetry"];
  const launcherDir = await compileLoopbackLauncher(jar);
  const launch = launcherDir ? ["-cp", `${jar}${delimiter}${launcherDir}`, LAUNCHER_CLASS] : ["-jar", jar];
  if (!launcherDir) {
    (opts.warn ?? console.warn)(
      `DynamoDB Local listens on all interfaces (port ${port}): it has no bind-address option, and ` +
        "binding it to 127.0.0.1 needs javac (apt-get install openjdk-17-jdk-headless).",
    );
  }

  const child = spawn(
    "java",
    [`-Djava.library.path=${join(emulator, "DynamoDBLocal_lib")}`, ...launch, ...jarArgs],
    {
      // stdin stays open: the loopback launcher exits when it closes (i.e. when we die).
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  // Ending stdin of a JVM that already died must not become an unhandled EPIPE.
  child.stdin?.on("error", () => {});
  const output = tailBuffer(16_384);
  child.stdout?.on("data", output.append);
  child.stderr?.on("data", output.append);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once("exit", (code, signal) => done({ code, signal }));
    child.once("error", () => done({ code: null, signal: null }));
  });
  // Last resort for a parent that exits without calling stop() (process.exit, uncaught error).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const endpoint = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= terminate(child, exited);
    return stopping;
  };

  try {
    await waitUntilReady(endpoint, exited, opts.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `DynamoDB Local did not start on ${endpoint}: ${reason}\n--- its output ---\n${output.text()}`,
    );
  }
  return { endpoint, port, loopbackOnly: launcherDir !== undefined, exited, stop };
}

/** `java --list-modules` works from Java 9 on and names java.base with its version (java.base@17.0.15). */
async function checkJava(): Promise<void> {
  const result = await run("java", ["--list-modules"]);
  if (result.missing) throw new Error(`Java was not found on PATH. ${INSTALL_HINT}`);
  const version = Number(/^java\.base@(\d+)/m.exec(result.stdout)?.[1] ?? 0);
  if (result.code !== 0 || version < MIN_JAVA) {
    throw new Error(`Found Java ${version || "8 or older"}. ${INSTALL_HINT}`);
  }
}

const LAUNCHER_CLASS = "DynamoDbLocalLoopback";

/**
 * Compiles dynamodb-local-loopback.java once per content into node_modules/.cache (javac takes
 * ~1.5 s, more than a third of DynamoDB Local's start). Returns the class directory, or undefined
 * when there is no javac (a JRE only). Safe when two processes compile at once: each compiles into
 * its own directory and the first rename wins.
 */
async function compileLoopbackLauncher(jar: string): Promise<string | undefined> {
  const source = await readFile(loopbackLauncher);
  const hash = createHash("sha256").update(source).update(jar).digest("hex").slice(0, 16);
  const classDir = join(cacheDir(), `loopback-${hash}`);
  if (existsSync(join(classDir, `${LAUNCHER_CLASS}.class`))) return classDir;

  const workDir = `${classDir}.${process.pid}.${Date.now()}`;
  await mkdir(workDir, { recursive: true });
  const result = await run("javac", ["-nowarn", "-cp", jar, "-d", workDir, loopbackLauncher]);
  if (result.missing) {
    await rm(workDir, { recursive: true, force: true });
    return undefined;
  }
  if (result.code !== 0) throw new Error(`javac failed on ${loopbackLauncher}:\n${result.output}`);
  try {
    await rename(workDir, classDir);
  } catch {
    await rm(workDir, { recursive: true, force: true }); // another process was first
  }
  return classDir;
}

function run(command: string, args: readonly string[]) {
  return new Promise<{ code: number | null; stdout: string; output: string; missing: boolean }>((done) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", (error: NodeJS.ErrnoException) =>
      done({ code: null, stdout, output, missing: error.code === "ENOENT" }),
    );
    child.once("close", (code) => done({ code, stdout, output, missing: false }));
  });
}

async function waitUntilReady(
  endpoint: string,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  timeoutMs: number,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((result) => {
    exit = result;
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exit) throw new Error(`the JVM exited early (code ${exit.code}, signal ${exit.signal})`);
      try {
        // Bounded: a port that accepts but never answers must not stall startup forever.
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`no answer to ListTables within ${timeoutMs} ms (last error: ${reason})`);
        }
      }
      await new Promise((wake) => setTimeout(wake, 100));
    }
  } finally {
    client.destroy();
  }
}

async function terminate(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}

/** Keeps the last `limit` characters of the JVM's output for error messages. */
function tailBuffer(limit: number) {
  let text = "";
  return {
    append: (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-limit);
    },
    text: () => text.trim() || "(no output)",
  };
}
