/**
 * The web app's deployment (issue 14): CloudFront in front of the app's files and the API on one
 * origin, API behaviours uncached with every viewer header but Host, app routes rewritten by a
 * CloudFront Function (no custom error responses), the security headers, WAF in us-east-1 when
 * asked for, the console's Cognito client accepted by the API, uploads allowed from the site.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { API_PATH_PATTERNS } from "../../functions/manifests/routes";
import { loadStageConfig, type StageConfig } from "../../lib/config";
import { repoPath } from "../../lib/paths";
import { INTAKE_PATH } from "../../lib/waf-stack";
import { resourcesOf, type SynthesizedApp, synthApp } from "./helpers";

/** AWS's managed CloudFront policies, by their fixed ids. */
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f3e3e52-5d2c-4b77-9a8a-2c2a1f1b3c4d";

let plain: SynthesizedApp;
let site: SynthesizedApp;
let config: StageConfig;

type Json = Record<string, unknown>;

/** The properties of the template's one resource of `type`. */
function only(template: SynthesizedApp["webTemplate"], type: string): Json {
  const found = resourcesOf(template, type);
  expect(found, type).toHaveLength(1);
  return (found[0] as [string, { Properties: Json }])[1].Properties;
}
const distributionOf = (app: SynthesizedApp) =>
  only(app.webTemplate, "AWS::CloudFront::Distribution").DistributionConfig as Json;

beforeAll(() => {
  const prod = loadStageConfig("prod");
  plain = synthApp({ config: prod });
  config = {
    ...prod,
    web: {
      ...prod.web,
      domainName: "lapor.blorakab.go.id",
      certificateArn: CERTIFICATE,
      waf: { enabled: true, intakePerFiveMinutes: 50 },
    },
  };
  site = synthApp({ config });
});

describe("the web stack", () => {
  it("sends the API's paths to API Gateway uncached, with every viewer header but Host", () => {
    const distribution = distributionOf(plain);
    const all = distribution.CacheBehaviors as Json[];
    expect(all.map((b) => b.PathPattern).sort()).toEqual([...API_PATH_PATTERNS, "/assets/*"].sort());
    const behaviors = all.filter((b) => (API_PATH_PATTERNS as readonly unknown[]).includes(b.PathPattern));
    const origins = distribution.Origins as Json[];
    const apiOrigin = origins.find((o) => o.CustomOriginConfig !== undefined) as Json;
    expect(apiOrigin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: "https-only",
      OriginSSLProtocols: ["TLSv1.2"],
    });
    expect(JSON.stringify(apiOrigin.DomainName)).toContain("ApiEndpoint");
    for (const behavior of behaviors) {
      expect(behavior, String(behavior.PathPattern)).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        AllowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
      });
      expect(behavior.FunctionAssociations).toBeUndefined();
    }
  });

  it("serves the app from a private bucket through origin access control, app routes rewritten by a CloudFront Function", () => {
    const distribution = distributionOf(plain);
    const s3Origin = (distribution.Origins as Json[]).find((o) => o.S3OriginConfig !== undefined) as Json;
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    const defaultBehavior = distribution.DefaultCacheBehavior as Json;
    expect(defaultBehavior.TargetOriginId).toBe(s3Origin.Id);
    expect(defaultBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(defaultBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: "viewer-request" }),
    ]);
    // Never custom error responses: they would turn the API's 403 and 404 into the app's page.
    expect(distribution.CustomErrorResponses).toBeUndefined();
    const fn = only(plain.webTemplate, "AWS::CloudFront::Function");
    expect(fn.FunctionCode).toBe(readFileSync(repoPath("lib/edge/app-rewrite.js"), "utf8"));
    expect((fn.FunctionConfig as Json).Runtime).toBe("cloudfront-js-2.0");
    plain.webTemplate.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(distribution.Logging).toBeDefined();
    // Hashed assets from the same bucket, cached for a year; the page revalidated at every load.
    const assets = (distribution.CacheBehaviors as Json[]).find((b) => b.PathPattern === "/assets/*") as Json;
    expect(assets.TargetOriginId).toBe(s3Origin.Id);
    expect(assets.FunctionAssociations).toBeUndefined();
    const cacheControlOf = (policy: unknown) =>
      resourcesOf(plain.webTemplate, "AWS::CloudFront::ResponseHeadersPolicy")
        .filter(([id]) => JSON.stringify(policy).includes(id))
        .map(([, p]) => JSON.stringify((p.Properties as Json).ResponseHeadersPolicyConfig))
        .join();
    expect(cacheControlOf(assets.ResponseHeadersPolicyId)).toContain("max-age=31536000, immutable");
    expect(cacheControlOf(defaultBehavior.ResponseHeadersPolicyId)).toContain('"Value":"no-cache"');
  });

  it("sets CSP (naming the attachments bucket and the sign-in host), HSTS, frame denial and a referrer policy", () => {
    const policies = resourcesOf(site.webTemplate, "AWS::CloudFront::ResponseHeadersPolicy").map(
      ([, p]) => ((p.Properties as Json).ResponseHeadersPolicyConfig as Json).SecurityHeadersConfig as Json,
    );
    const app = policies.find((p) => p.ContentSecurityPolicy !== undefined) as Json;
    const csp = JSON.stringify((app.ContentSecurityPolicy as Json).ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("AttachmentsBucket");
    expect(csp).toContain("RegionalDomainName");
    expect(csp).toContain(`https://aduan-prod.auth.${config.region}.amazoncognito.com`);
    for (const headers of policies)
      expect(headers).toMatchObject({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 63072000,
          IncludeSubdomains: true,
          Override: true,
        },
        FrameOptions: { FrameOption: "DENY", Override: true },
        ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
        ContentTypeOptions: { Override: true },
      });
  });

  it("answers on the stage's domain with its certificate and TLS 1.2 at least", () => {
    expect(distributionOf(site)).toMatchObject({
      Aliases: ["lapor.blorakab.go.id"],
      ViewerCertificate: { AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: "TLSv1.2_2021" },
    });
  });

  it("puts a WAF web ACL in us-east-1 with a per-IP rate limit on filings, attached to the distribution", () => {
    expect(plain.wafTemplate).toBeUndefined();
    expect(distributionOf(plain).WebACLId).toBeUndefined();
    expect(site.waf?.region).toBe("us-east-1");
    const acl = only(site.wafTemplate as never, "AWS::WAFv2::WebACL");
    expect(acl.Scope).toBe("CLOUDFRONT");
    const rule = (acl.Rules as Json[]).find((r) => r.Name === "IntakeRatePerIp") as Json;
    expect(rule.Action).toEqual({ Block: {} });
    const rate = (rule.Statement as Json).RateBasedStatement as Json;
    expect(rate).toMatchObject({ Limit: 50, AggregateKeyType: "IP", EvaluationWindowSec: 300 });
    const scope = JSON.stringify(rate.ScopeDownStatement);
    expect(scope).toContain('"SearchString":"POST"');
    expect(scope).toContain(`"SearchString":"${INTAKE_PATH}"`);
    expect(distributionOf(site).WebACLId).toBeDefined();
  });
});

describe("staff sign-in for the console", () => {
  it("has a managed login domain and a code-flow client without a secret, returning to the site", () => {
    site.statefulTemplate.hasResourceProperties("AWS::Cognito::UserPoolDomain", {
      Domain: "aduan-prod",
      ManagedLoginVersion: 2,
    });
    site.statefulTemplate.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: false,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ["https://lapor.blorakab.go.id/staf/masuk"],
      SupportedIdentityProviders: ["COGNITO"],
    });
  });

  it("the API's JWT authorizer accepts both app clients' ID tokens", () => {
    const authorizer = only(site.statelessTemplate, "AWS::ApiGatewayV2::Authorizer");
    expect(((authorizer.JwtConfiguration as Json).Audience as unknown[]).length).toBe(2);
  });

  it("lets browsers upload attachments from the site's origin", () => {
    const buckets = resourcesOf(site.statefulTemplate, "AWS::S3::Bucket").map(
      ([, b]) => b.Properties as Json,
    );
    const cors = buckets.find((b) => b.CorsConfiguration !== undefined)?.CorsConfiguration as Json;
    expect(JSON.stringify(cors)).toContain("https://lapor.blorakab.go.id");
  });
});
