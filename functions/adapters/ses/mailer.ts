import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Mailer, OutgoingEmail } from "../../use-cases/ports";

/**
 * E-mail through Amazon SES v2 (locally the SES emulator, at AWS_ENDPOINT_URL_SESV2). The
 * configuration set, when the stage names one, is what suppresses addresses that bounced or
 * complained (SES's suppression list) and publishes the reputation metrics the alarms watch.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [...email.to] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: "UTF-8" },
            Body: {
              Text: { Data: email.text, Charset: "UTF-8" },
              Html: { Data: email.html, Charset: "UTF-8" },
            },
          },
        },
        ...(this.configurationSet && { ConfigurationSetName: this.configurationSet }),
        ...(email.tags && {
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
        }),
      }),
    );
  }
}
