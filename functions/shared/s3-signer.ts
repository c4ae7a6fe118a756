/**
 * The URL signer of a function's container, for the links the API hands out (links.ts): signed
 * for the endpoint the S3 client would use (in AWS S3's own; under `npm start` the local S3 server,
 * AWS_ENDPOINT_URL_S3), with the role's credentials from the environment, and guarded like every
 * client the container makes.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";
import { S3UrlSigner } from "../adapters/s3/url-signer";
import type { Container } from "./container";
import { ConfigError } from "./runtime-config";

export function s3SignerFor(container: Container, bucket: string, endpoint?: string): S3UrlSigner {
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new ConfigError("AWS_REGION is not set");
  const at = endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  return container.guarded(
    new S3UrlSigner({ bucket, region, credentials: fromEnv(), ...(at !== undefined && { endpoint: at }) }),
    "s3",
  );
}
