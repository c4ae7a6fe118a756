import { defineConfig } from "vitest/config";

/**
 * Projects, so that each test pays only for what it needs: unit and infra tests run without Java;
 * integration tests (everything not unit, infra or e2e) share ONE in-memory DynamoDB Local started
 * by the global setup, which runs only when such a test is queued (tests isolate by table, see
 * tests/setup/test-table.ts); e2e tests start `npm start` themselves.
 */
const ISOLATED = ["tests/integration/log-privacy.test.ts", "tests/integration/local-ses.test.ts"];

export default defineConfig({
  test: {
    environment: "node",
    // No test can reach AWS: fake credentials, no instance-metadata probing, and every service
    // endpoint pointed at a closed local port unless a project overrides it (DynamoDB below).
    env: {
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_SESSION_TOKEN: "",
      AWS_REGION: "ap-southeast-3",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ENDPOINT_URL: "http://127.0.0.1:9",
      // Quiet runs: the SDK's Node 20 notice and the handlers' structured logs (errors included,
      // which tests provoke on purpose) would bury the test report.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      POWERTOOLS_LOG_LEVEL: "SILENT",
      // Metrics are printed as embedded-metric-format JSON: kept out of the report as well.
      POWERTOOLS_METRICS_DISABLED: "true",
    },
    testTimeout: 30_000,
    // DynamoDB Local takes ~3 s to start on an idle machine, much longer on a busy 2-core one.
    hookTimeout: 60_000,
    teardownTimeout: 15_000,
    // Forks: test files run in child processes (child processes and process.env stay contained).
    // Three workers on a 2-core machine: the end-to-end files spend most of their time waiting on
    // `npm start` and its JVM, so a third worker keeps the cores busy (measured: 101 s → 92 s).
    pool: "forks",
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/infra/**/*.test.ts"],
          // Unit and infra files share a worker's module cache (zod schemas, the CDK library) instead
          // of re-importing them per file: measured 70 s → 36 s for this project on 2 cores. They
          // keep no state between files (each builds its own ports, apps and servers).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/unit/**", "tests/infra/**", "tests/e2e/**", ...ISOLATED],
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/aws-env.ts"],
          // Files share a worker's module cache; each builds its own table and container.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Files that set up process-wide modules their own way (the logger at DEBUG, built once
          // a process; the SES emulator's inbox, one store a process): a module cache of their own.
          name: "integration-isolated",
          include: ISOLATED,
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/aws-env.ts"],
          isolate: true,
        },
      },
      {
        extends: true,
        // `npm start` as a child process, which brings its own DynamoDB Local.
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"] },
      },
    ],
  },
});
