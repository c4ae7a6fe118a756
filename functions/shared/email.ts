/**
 * The SES mailer of the functions that send e-mail (the notifier, access-token recovery): kept out
 * of the shared container so that no other function bundles the SES client. Like the S3 adapters
 * (export-files.ts, attachment-files.ts), built once per container, guarded locally by its grants.
 */
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SesMailer } from "../adapters/ses/mailer";
import type { Mailer } from "../use-cases/ports";
import type { Container } from "./container";
import { ConfigError, ENV } from "./runtime-config";

const built = new WeakMap<Container, Mailer>();

export function withMailer<C extends Container>(container: C): C & { readonly mailer: Mailer } {
  if (container.mailer) return container as C & { mailer: Mailer };
  let mailer = built.get(container);
  if (!mailer) {
    const { emailFrom, emailConfigurationSet } = container.config;
    mailer = emailFrom
      ? new SesMailer(container.guarded(new SESv2Client({}), "sesv2"), emailFrom, emailConfigurationSet)
      : { send: () => Promise.reject(new ConfigError(`${ENV.emailFrom} is not set`)) };
    built.set(container, mailer);
  }
  // A view of the container with the mailer added; its lazy getters (queue, secrets) stay lazy.
  return Object.create(container, { mailer: { value: mailer, enumerable: true } }) as C & {
    readonly mailer: Mailer;
  };
}
