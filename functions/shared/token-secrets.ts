/**
 * The access-token secret of intake (Secrets Manager in AWS, a file under `npm start`): kept out of
 * the shared container so that only intake bundles the Secrets Manager client.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SecretsManagerTokenSecrets } from "../adapters/secrets/secrets-manager-token-secrets";
import { FileTokenSecrets } from "../adapters/system/file-token-secrets";
import { type Container, withPort } from "./container";
import { ConfigError, ENV } from "./runtime-config";

export function withTokenSecrets<C extends Container>(container: C) {
  return withPort(container, "tokenSecrets", () => {
    const { config } = container;
    if (config.accessTokenSecretArn)
      return new SecretsManagerTokenSecrets(
        config.accessTokenSecretArn,
        container.guarded(new SecretsManagerClient({}), "secretsmanager"),
      );
    if (config.accessTokenSecretFile) return new FileTokenSecrets(config.accessTokenSecretFile);
    return {
      load: () =>
        Promise.reject(
          new ConfigError(`${ENV.accessTokenSecretArn} (or locally ${ENV.accessTokenSecretFile}) is not set`),
        ),
    };
  });
}
