/**
 * For handler-level integration tests: a fresh table on the run's DynamoDB Local, seeded with the
 * demo directory, installed as the process-wide container the handlers use, and removed afterwards.
 *
 *   const env = useSeededContainer({ clock });   // registers beforeAll/afterAll
 *   … env.container() …
 */
import { afterAll, beforeAll } from "vitest";
import { buildContainer, type Container, setContainer } from "../../functions/shared/container";
import { withQueue } from "../../functions/shared/queue";
import { withTokenSecrets } from "../../functions/shared/token-secrets";
import { seedDirectory } from "../../functions/use-cases/seed-directory";
import { demoDirectoryData, MemoryTokenSecrets } from "../fixtures/in-memory";
import { createTestTable, type TestTable } from "./test-table";

export function useSeededContainer(
  overrides: Parameters<typeof buildContainer>[1] = {},
  options: Parameters<typeof buildContainer>[2] = {},
) {
  let table: TestTable | undefined;
  let current: Container | undefined;
  beforeAll(async () => {
    table = await createTestTable();
    current = buildContainer(
      { tableName: table.tableName, stage: "test" },
      { tokenSecrets: new MemoryTokenSecrets(), ...overrides },
      options,
    );
    await seedDirectory(current, demoDirectoryData);
    setContainer(current);
  });
  afterAll(async () => {
    setContainer(undefined);
    await table?.drop();
  });
  return {
    /** The container, with the queue and token-secret ports its senders and intake add. */
    container: () => {
      if (!current) throw new Error("the seeded container exists only inside tests (after beforeAll)");
      return withQueue(withTokenSecrets(current));
    },
  };
}
