/**
 * The access-token secret of intake (Secrets Manager in AWS, a file under `npm start`): kept out of
 * the shared container so that only intake bundles the Secrets Manager client.
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SecretsManagerTokenSecrets } from "../adapters/secrets/secrets-manager-token-secrets";
import { FileTokenSecrets } from "../adapters/system/file-token-secrets";
import type { TokenSecrets } from "../use-cases/ports";
import type { Container } from "./container";
import { ConfigError, ENV } from "./runtime-config";

const built = new WeakMap<Container, TokenSecrets>();

export function withTokenSecrets<C extends Container>(
  container: C,
): C & { readonly tokenSecrets: TokenSecrets } {
  if (container.tokenSecrets) return container as C & { tokenSecrets: TokenSecrets };
  let secrets = built.get(container);
  if (!secrets) {
    const { config } = container;
    secrets = config.accessTokenSecretArn
      ? new SecretsManagerTokenSecrets(
          config.accessTokenSecretArn,
          container.guarded(new SecretsManagerClient({}), "secretsmanager"),
        )
      : config.accessTokenSecretFile
        ? new FileTokenSecrets(config.accessTokenSecretFile)
        : {
            load: () =>
              Promise.reject(
                new ConfigError(
                  `${ENV.accessTokenSecretArn} (or locally ${ENV.accessTokenSecretFile}) is not set`,
                ),
              ),
          };
    built.set(container, secrets);
  }
  return Object.create(container, { tokenSecrets: { value: secrets, enumerable: true } }) as C & {
    readonly tokenSecrets: TokenSecrets;
  };
}
