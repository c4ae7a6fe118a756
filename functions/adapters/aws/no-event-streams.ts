/**
 * What Lambda bundles get in place of `@smithy/core/event-streams` (LAMBDA_MODULE_ALIASES in
 * lib/bundling.ts). The SDK uses that module only for an operation with an event stream in its
 * input or output (S3's SelectObjectContent, Bedrock's streaming, …), yet every bundle carried it:
 * 19 KB. No operation Aduan calls has one (DynamoDB, SQS, SES SendEmail, S3 object reads and
 * writes, Secrets Manager). The S3 client still wires a marshaller up when it is built, so this
 * module gives it one — which fails, saying why, if anything ever asks it to stream events.
 */
const WHY =
  "Event streams are left out of Aduan's Lambda bundles (lib/bundling.ts): alias @smithy/core/event-streams back to call an operation that streams events";

function unavailable(): never {
  throw new Error(WHY);
}

/** What the SDK's protocol layer loads for an event-stream member: never constructed here. */
export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}

/** The marshaller a client is configured with: inert until an event stream would pass through it. */
export function eventStreamSerdeProvider(): { serialize(): never; deserialize(): never } {
  return { serialize: unavailable, deserialize: unavailable };
}

/** As the SDK's: a client's configuration gets the marshaller its provider makes. */
export function resolveEventStreamSerdeConfig<T extends { eventStreamSerdeProvider(input: T): unknown }>(
  input: T,
): T & { eventStreamMarshaller: unknown } {
  return Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });
}
