/**
 * Local fails where AWS would: each handler served by `npm start` gets the environment and the AWS
 * permissions its manifest access grants in the CDK (functions/manifests/grants.ts), no more. Its
 * container is built from that environment only, and its SDK clients refuse — as IAM would, with
 * an AccessDeniedException — any DynamoDB call outside its table access level, any SQS send to
 * a queue it may not send to, any S3 call outside its export and attachment access, and any e-mail
 * without e-mail access. A missing grant therefore fails on `npm start` and in the end-to-end
 * tests, not first in AWS.
 */

import { environmentNames, s3Commands, TABLE_COMMANDS } from "../functions/manifests/grants";
import type { RouteAccess } from "../functions/manifests/routes";
import { CHANNELS_PARTITION_PREFIX } from "../functions/manifests/table-design";
import { buildContainer, type Container, type SdkClient, type Service } from "../functions/shared/container";
import { ENV, readRuntimeConfig } from "../functions/shared/runtime-config";
import type { Clock } from "../functions/use-cases/ports";

export class LocalAccessDenied extends Error {
  override readonly name = "AccessDeniedException";
}

/**
 * Whether a request names a key in the partitions starting with `prefix`: any string in it that
 * does (a key, a key condition's value; marshalled or not). Nothing else Aduan writes starts so.
 */
function mentions(value: unknown, prefix: string): boolean {
  if (typeof value === "string") return value.startsWith(prefix);
  if (Array.isArray(value)) return value.some((item) => mentions(item, prefix));
  if (value !== null && typeof value === "object")
    return Object.values(value).some((item) => mentions(item, prefix));
  return false;
}

/** A middleware that lets through only the calls `access` grants. */
export function guardFor(access: RouteAccess, env: Readonly<Record<string, string>>, who: string) {
  const tableCommands = new Set<string>(access.table ? TABLE_COMMANDS[access.table] : []);
  const queueUrls = new Set(
    environmentNames({ sendTo: access.sendTo }, "local")
      .map((name) => env[name])
      .filter((url): url is string => url !== undefined),
  );
  const s3Grants = s3Commands(access);
  return (client: SdkClient, service: Service): void => {
    const check = (command: string, input: Record<string, unknown>): string | undefined => {
      if (service === "dynamodb") {
        if (!tableCommands.has(command)) return `dynamodb:${command}`;
        // As IAM's deny on dynamodb:LeadingKeys (lib/constructs/handler-function.ts).
        return !access.channels && mentions(input, CHANNELS_PARTITION_PREFIX)
          ? `dynamodb:${command} on the ${CHANNELS_PARTITION_PREFIX} partitions (agencies' channels)`
          : undefined;
      }
      if (service === "s3") {
        const key = String(input.Key ?? input.Prefix ?? "");
        return s3Grants.some(([allowed, prefix]) => allowed === command && key.startsWith(prefix))
          ? undefined
          : `s3:${command} on ${key}`;
      }
      if (service === "sqs") {
        const url = String(input.QueueUrl ?? "");
        return command.startsWith("SendMessage") && queueUrls.has(url)
          ? undefined
          : `sqs:${command} on ${url}`;
      }
      if (service === "sesv2") return access.email && command === "SendEmail" ? undefined : `ses:${command}`;
      return access.tokenSecret && command === "GetSecretValue" ? undefined : `secretsmanager:${command}`;
    };
    const middleware =
      (
        next: (args: { input: Record<string, unknown> }) => Promise<unknown>,
        context: { commandName?: string },
      ) =>
      async (args: { input: Record<string, unknown> }) => {
        const refused = check(String(context.commandName ?? "").replace(/Command$/, ""), args.input);
        if (refused) {
          throw new LocalAccessDenied(
            `${who} is not allowed ${refused}: its access in the route or job manifest does not grant it (as IAM would refuse in AWS)`,
          );
        }
        return next(args);
      };
    client.middlewareStack.add(
      middleware as never,
      { step: "initialize", name: "aduanLocalGrants" } as never,
    );
  };
}

/**
 * One container per handler, built on first use from the environment its access grants (plus
 * STAGE), with guarded clients and the local movable clock.
 */
export function localContainers(options: {
  readonly env: Readonly<Record<string, string>>;
  readonly clock: Clock;
}) {
  const built = new Map<string, Container>();
  return (handler: string, access: RouteAccess): (() => Container) =>
    () => {
      let container = built.get(handler);
      if (!container) {
        const names = new Set([ENV.stage, ...environmentNames(access, "local")]);
        const env = Object.fromEntries(Object.entries(options.env).filter(([name]) => names.has(name)));
        container = buildContainer(
          readRuntimeConfig(env),
          { clock: options.clock },
          { guard: guardFor(access, options.env, handler) },
        );
        built.set(handler, container);
      }
      return container;
    };
}
