/**
 * Substituted by the bundler (LAMBDA_MODULE_ALIASES in lib/bundling.ts) for the SDK's default
 * credential chain, `@aws-sdk/credential-provider-node` (profiles, SSO, web identity, IMDS, ECS …). In Lambda
 * the credentials of the function's role are always in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the environment provider is all a function needs,
 * and dropping the rest of the chain shrinks every bundle and its cold-start import time.
 * Code run from source (the local server, tests, the seed script) keeps the full chain.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
