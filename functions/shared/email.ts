/**
 * The SES mailer of the functions that send e-mail (the notifier, access-token recovery): kept out
 * of the shared container so that no other function bundles the SES client.
 */
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SesMailer } from "../adapters/ses/mailer";
import { type Container, withPort } from "./container";
import { ConfigError, ENV } from "./runtime-config";

export function withMailer<C extends Container>(container: C) {
  return withPort(container, "mailer", () => {
    const { emailFrom, emailConfigurationSet } = container.config;
    return emailFrom
      ? new SesMailer(container.guarded(new SESv2Client({}), "sesv2"), emailFrom, emailConfigurationSet)
      : { send: () => Promise.reject(new ConfigError(`${ENV.emailFrom} is not set`)) };
  });
}
