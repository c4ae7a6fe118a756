/**
 * Starts ONE in-memory DynamoDB Local for the whole integration run and hands its endpoint to the
 * test workers through vitest's provide/inject (workers are separate processes and cannot share
 * objects). Tests isolate by table: see createTestTable.
 */
import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../../local/dynamodb-local";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the run's DynamoDB Local. */
    dynamoDbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal({});
  project.provide("dynamoDbEndpoint", dynamo.endpoint);
  return () => dynamo.stop();
}
