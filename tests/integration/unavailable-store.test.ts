/**
 * A dead store answers fast and clearly: the real handler, its real DynamoDB client (timeouts,
 * bounded retries), pointed at a port where nothing listens — as when DynamoDB Local has died.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient, createDynamoDbClient } from "../../functions/adapters/dynamodb/client";
import { DynamoDirectoryRepository } from "../../functions/adapters/dynamodb/directory-repository";
import { DynamoReportRepository } from "../../functions/adapters/dynamodb/report-repository";
import { trackingIdFromRandom } from "../../functions/domain/tracking-id";
import { handler as getReport } from "../../functions/http/get-report";
import { handler as submitReport } from "../../functions/http/submit-report";
import { buildContainer, setContainer } from "../../functions/shared/container";
import { findFreePort } from "../../local/free-port";
import { httpEvent, lambdaContext } from "../fixtures/http-events";
import { MemoryTokenSecrets, validReport } from "../fixtures/in-memory";

beforeAll(async () => {
  const port = await findFreePort(); // free: nothing listens there
  const doc = createDocumentClient(
    createDynamoDbClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: "ap-southeast-3",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    }),
  );
  setContainer(
    buildContainer(
      { tableName: "dead", stage: "test" },
      {
        reports: new DynamoReportRepository(doc, "dead"),
        directory: new DynamoDirectoryRepository(doc, "dead"),
        tokenSecrets: new MemoryTokenSecrets(),
      },
    ),
  );
});
afterAll(() => setContainer(undefined));

describe("an unreachable store", () => {
  it("is a 503 service_unavailable with Retry-After, for reads and writes", async () => {
    const trackingId = trackingIdFromRandom([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const read = await getReport(httpEvent({ pathParameters: { trackingId } }), lambdaContext);
    const write = await submitReport(
      httpEvent({
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(validReport),
      }),
      lambdaContext,
    );
    for (const response of [read, write]) {
      expect(response.statusCode).toBe(503);
      expect(response.headers?.["retry-after"]).toBe("2");
      expect(JSON.parse(String(response.body))).toMatchObject({ error: "service_unavailable", details: [] });
    }
  });
});
