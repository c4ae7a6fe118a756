import { spawnSync } from "node:child_process";
import {
  CfnOutput,
  DockerImage,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { flattenCfnReference } from "cdk-nag/lib/utils/flatten-cfn-reference.js";
import type { Construct } from "constructs";
import { API_PATH_PATTERNS } from "../functions/manifests/routes";
import { type StageConfig, signInHost, webOrigin } from "./config";
import { repoPath } from "./paths";
import { webBuildCommand } from "./web-build";
import {
  ASSET_CACHE_CONTROL,
  ASSETS_PATH,
  contentSecurityPolicy,
  HSTS_SECONDS,
  PAGE_CACHE_CONTROL,
} from "./web-security";

export interface WebStackProps extends StackProps {
  readonly config: StageConfig;
  /** The HTTP API: CloudFront's second origin, for API_PATH_PATTERNS. */
  readonly api: IHttpApi;
  /** The files bucket browsers upload attachments to (the CSP's connect-src names it). */
  readonly attachmentsBucket: IBucket;
  /** The web console's Cognito app client id, written to /config.json. */
  readonly webClientId: string;
  /** A CloudFront web ACL (us-east-1) to attach, when the stage turns WAF on. */
  readonly webAclArn?: string;
}

/**
 * The web app on the API's origin: CloudFront serves the built app from a private bucket and sends
 * API_PATH_PATTERNS to API Gateway, so the app needs no CORS. API behaviours never cache (a cached
 * reporter view would hand a reporter's contact to the next caller) and forward every viewer header
 * but Host; app routes are rewritten to /index.html by a CloudFront Function (lib/edge/app-rewrite.js),
 * not by custom error responses, which would turn the API's 403 and 404 into the page.
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly appBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;

    const logs = new Bucket(this, "AccessLogs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "This bucket holds the access logs of the distribution and the app bucket; logging it would log logs.",
    });

    this.appBucket = new Bucket(this, "AppFiles", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: "app-files/",
      // The built app is rebuilt on every deploy: nothing here to keep.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const securityHeaders = {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(HSTS_SECONDS),
        includeSubdomains: true,
        override: true,
      },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: {
        referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        override: true,
      },
      contentTypeOptions: { override: true },
    };
    const appSecurity = {
      ...securityHeaders,
      contentSecurityPolicy: {
        contentSecurityPolicy: contentSecurityPolicy({
          uploads: [`https://${props.attachmentsBucket.bucketRegionalDomainName}`],
          signIn: `https://${signInHost(config)}`,
        }),
        override: true,
      },
    };
    const cacheControl = (value: string) => ({
      customHeaders: [{ header: "Cache-Control", value, override: true }],
    });
    // The page (and /config.json) revalidated at every load; hashed assets kept (lib/web-security.ts).
    const pageHeaders = new ResponseHeadersPolicy(this, "AppPageHeaders", {
      comment: `Aduan ${config.stage}: the web app page's headers`,
      securityHeadersBehavior: appSecurity,
      customHeadersBehavior: cacheControl(PAGE_CACHE_CONTROL),
    });
    const assetHeaders = new ResponseHeadersPolicy(this, "AppAssetHeaders", {
      comment: `Aduan ${config.stage}: the web app assets' headers`,
      securityHeadersBehavior: appSecurity,
      customHeadersBehavior: cacheControl(ASSET_CACHE_CONTROL),
    });
    // The API's own pages (Swagger UI at /docs) bring their own scripts: the same headers, no CSP.
    const apiHeaders = new ResponseHeadersPolicy(this, "ApiHeaders", {
      comment: `Aduan ${config.stage}: the API's security headers`,
      securityHeadersBehavior: securityHeaders,
    });

    const rewrite = new EdgeFunction(this, "AppRewrite", {
      comment: "App routes (no file extension) to /index.html",
      code: FunctionCode.fromFile({ filePath: repoPath("lib/edge/app-rewrite.js") }),
      runtime: FunctionRuntime.JS_2_0,
    });

    // https://<id>.execute-api.<region>.amazonaws.com → its host name.
    const apiDomain = Fn.select(2, Fn.split("/", props.api.apiEndpoint));
    const apiOrigin = new HttpOrigin(apiDomain, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const apiBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
    };

    const domainName = config.web.domainName;
    const files = S3BucketOrigin.withOriginAccessControl(this.appBucket);
    this.distribution = new Distribution(this, "Site", {
      comment: `Aduan ${config.stage}: web app and API`,
      defaultRootObject: "index.html",
      defaultBehavior: {
        origin: files,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        ...Object.fromEntries(API_PATH_PATTERNS.map((pattern) => [pattern, apiBehavior])),
        [`${ASSETS_PATH}*`]: {
          origin: files,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: assetHeaders,
        },
      },
      ...(domainName &&
        config.web.certificateArn && {
          domainNames: [domainName],
          certificate: Certificate.fromCertificateArn(this, "Certificate", config.web.certificateArn),
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        }),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Indonesia is served from the edge locations of price class 200.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: "cloudfront/",
      ...(props.webAclArn && { webAclId: props.webAclArn }),
    });
    if (!domainName)
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason:
          "Without web.domainName the site answers on CloudFront's default certificate (*.cloudfront.net), whose " +
          "viewer policy CloudFront fixes; with a domain the distribution requires TLSv1.2_2021.",
      });
    if (!props.webAclArn)
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR2",
        reason:
          "WAF is a stage choice (web.waf.enabled, a monthly cost); API Gateway's stage throttling still applies.",
      });
    Validations.of(this.distribution).acknowledge({
      id: "AwsSolutions-CFR1",
      reason: "Citizens file reports from wherever they are, abroad included: no geo restriction.",
    });

    new BucketDeployment(this, "AppDeployment", {
      sources: [
        Source.asset(repoPath("web"), {
          exclude: ["dist", "node_modules", ".build-lock"],
          bundling: {
            // Built on this machine by Vite (no Docker); the image is never pulled.
            image: DockerImage.fromRegistry("public.ecr.aws/docker/library/node:22"),
            local: {
              tryBundle(outputDir: string) {
                const { command, args, cwd } = webBuildCommand(outputDir);
                const build = spawnSync(command, args, { cwd, stdio: ["ignore", process.stderr, "inherit"] });
                if (build.status !== 0) throw new Error(`vite build failed with exit code ${build.status}`);
                return true;
              },
            },
          },
        }),
        // How staff sign in here: Cognito's managed login for the console's app client.
        Source.jsonData("config.json", {
          signIn: { kind: "cognito", domain: signInHost(config), clientId: props.webClientId },
        }),
      ],
      destinationBucket: this.appBucket,
      // Keep earlier builds' hashed assets: a page loaded before this deploy still finds its scripts.
      prune: false,
      distribution: this.distribution,
      distributionPaths: ["/index.html", "/config.json"],
      memoryLimit: 512,
    });

    // CDK's deploy-time copier (a singleton function of aws-s3-deployment): its role is CDK's.
    const copier = this.node.findAll().find((c) => c.node.id.startsWith("Custom::CDKBucketDeployment"));
    if (copier) {
      const assets = `arn:aws:s3:::cdk-hnb659fds-assets-${config.account ?? "<AWS::AccountId>"}-${config.region}/*`;
      const why =
        "CDK's own deploy-time function that copies the built app from the CDK asset bucket into the app " +
        "bucket and invalidates the distribution; it runs only during deployments and aws-s3-deployment " +
        "generates its role: read the asset, replace the app bucket's objects, create an invalidation.";
      Validations.of(copier).acknowledge(
        {
          id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
          reason: why,
        },
        ...["s3:GetBucket*", "s3:GetObject*", "s3:List*", "s3:Abort*", "s3:DeleteObject*"].map((action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: why,
        })),
        { id: `AwsSolutions-IAM5[Resource::${assets}]`, reason: why },
        {
          id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(this.appBucket.bucketArn))}/*]`,
          reason: why,
        },
        {
          id: "AwsSolutions-IAM5[Resource::*]",
          reason: `${why} CloudFront invalidations take no resource narrower than '*'.`,
        },
        { id: "AwsSolutions-L1", reason: `${why} Its runtime is chosen by aws-cdk-lib, not here.` },
      );
    }

    new CfnOutput(this, "SiteUrl", {
      value: webOrigin(config) ?? `https://${this.distribution.distributionDomainName}`,
    });
    new CfnOutput(this, "DistributionId", { value: this.distribution.distributionId });
  }
}
