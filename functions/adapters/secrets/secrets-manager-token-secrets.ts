import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { type TokenSecret, tokenSecret } from "../../domain/secrets";
import type { TokenSecrets } from "../../use-cases/ports";
import { onceUntilFailure } from "../system/once";

/**
 * The access-token secret from AWS Secrets Manager, read once per cold start: the current version
 * and, during a rotation, the previous one (so that a replay of an intake made just before the
 * rotation still gets its own token back). Never logged.
 */
export class SecretsManagerTokenSecrets implements TokenSecrets {
  constructor(
    private readonly secretId: string,
    private readonly client: SecretsManagerClient = new SecretsManagerClient({}),
  ) {}

  readonly load = onceUntilFailure(() => this.read());

  private async read(): Promise<readonly TokenSecret[]> {
    const current = await this.version("AWSCURRENT");
    if (current === undefined) throw new Error(`secret ${this.secretId} has no current value`);
    const previous = await this.version("AWSPREVIOUS");
    return previous === undefined || previous === current
      ? [tokenSecret(current)]
      : [tokenSecret(current), tokenSecret(previous)];
  }

  private async version(stage: "AWSCURRENT" | "AWSPREVIOUS"): Promise<string | undefined> {
    try {
      const result = await this.client.send(
        new GetSecretValueCommand({ SecretId: this.secretId, VersionStage: stage }),
      );
      return result.SecretString;
    } catch (error) {
      // A secret that was never rotated has no AWSPREVIOUS version.
      if (stage === "AWSPREVIOUS" && (error as Error).name === "ResourceNotFoundException") return undefined;
      throw error;
    }
  }
}
