/**
 * Runs in every integration worker before its test file: points the AWS SDK's DynamoDB endpoint at
 * the run's DynamoDB Local, so code that builds its own client (the composition root,
 * `new DynamoDBClient({})`) talks to it rather than to AWS.
 */
import { inject } from "vitest";

process.env.AWS_ENDPOINT_URL_DYNAMODB = inject("dynamoDbEndpoint");
