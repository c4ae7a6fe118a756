import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IUserPool, IUserPoolClient } from "aws-cdk-lib/aws-cognito";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { CORS_POLICY } from "../../functions/manifests/cors";
import { accessByHandler } from "../../functions/manifests/grants";
import { DEFAULT_ROUTE_PATH, handlersOf, type RouteSpec } from "../../functions/manifests/routes";
import { pascal } from "../naming";
import { type AccessTargets, HandlerFunction } from "./handler-function";

export interface ComplaintsApiProps {
  readonly stage: string;
  /** Routes to serve; one function per distinct `handler`. */
  readonly routes: readonly RouteSpec[];
  readonly targets: AccessTargets;
  /**
   * Entry file of a route handler, relative to the repository root.
   * @default handler => `functions/http/${handler}.ts`
   */
  readonly handlerEntry?: (handler: string) => string;
  /** Staff JWTs are issued by this pool... */
  readonly userPool: IUserPool;
  /** ...for this app client (the JWT audience). */
  readonly userPoolClient: IUserPoolClient;
  /** More app clients whose ID tokens the API accepts (the web console's). @default none */
  readonly extraClients?: readonly IUserPoolClient[];
  /** Browser origins allowed by CORS. @default none (no CORS preflight configured) */
  readonly corsAllowedOrigins?: readonly string[];
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  /** @default 512 */
  readonly memorySize?: number;
  /** X-Ray active tracing of every function. @default false */
  readonly tracing?: boolean;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
}

/** Fields of one access-log line (HTTP API $context variables), one JSON object per request. */
const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  path: "$context.path",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  userAgent: "$context.identity.userAgent",
};

const PUBLIC_ROUTE_REASON =
  "Public by design (PRODUCT.md §1, §6): citizens file, track and read reports, categories, agencies " +
  "and API docs without an account; the handler authorises per report with the reporter's access " +
  "token, and the stage is throttled.";

/**
 * The HTTP API: one Lambda per handler of the route manifest, one route per RouteSpec, the Cognito
 * JWT authorizer on every `staff` route and on no `public` one, throttling and JSON access logs on
 * the `$default` stage.
 */
export class ComplaintsApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;
  readonly functions: ReadonlyMap<string, HandlerFunction>;
  readonly routes: ReadonlyMap<RouteSpec, HttpRoute>;

  constructor(scope: Construct, id: string, props: ComplaintsApiProps) {
    super(scope, id);
    const origins = props.corsAllowedOrigins ?? [];

    this.httpApi = new HttpApi(this, "HttpApi", {
      apiName: `aduan-${props.stage}`,
      description: `Aduan public-service complaints API (${props.stage})`,
      createDefaultStage: false,
      corsPreflight:
        origins.length > 0
          ? {
              allowOrigins: [...origins],
              allowMethods: CORS_POLICY.allowMethods.map((method) => CorsHttpMethod[method]),
              allowHeaders: [...CORS_POLICY.allowHeaders],
              exposeHeaders: [...CORS_POLICY.exposeHeaders],
              maxAge: Duration.seconds(CORS_POLICY.maxAgeSeconds),
            }
          : undefined,
    });

    this.accessLogGroup = new LogGroup(this, "AccessLogs", {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: props.throttling.rateLimit, burstLimit: props.throttling.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // Issuer = the pool's URL, audience = the staff app clients: what Cognito ID tokens carry.
    const staffAuthorizer = new HttpUserPoolAuthorizer("StaffAuthorizer", props.userPool, {
      userPoolClients: [props.userPoolClient, ...(props.extraClients ?? [])],
      identitySource: ["$request.header.Authorization"],
    });

    const functions = new Map<string, HandlerFunction>();
    const routes = new Map<RouteSpec, HttpRoute>();
    const routeIds = new Set<string>();

    const grants = accessByHandler(props.routes);
    for (const [handler, handlerRoutes] of handlersOf(props.routes)) {
      const fn = new HandlerFunction(this, pascal(handler), {
        entry: (props.handlerEntry ?? defaultHandlerEntry)(handler),
        stage: props.stage,
        logRetention: props.logRetention,
        memorySize: props.memorySize,
        tracing: props.tracing ?? false,
        timeout: props.timeout,
        assets: [...new Set(handlerRoutes.flatMap((route) => route.assets ?? []))],
      });
      fn.allow(grants.get(handler) ?? {}, props.targets);
      functions.set(handler, fn);

      const integration = new HttpLambdaIntegration(`${pascal(handler)}Integration`, fn.function);
      for (const spec of handlerRoutes) {
        const routeId = routeConstructId(spec);
        if (routeIds.has(routeId)) {
          throw new Error(`Duplicate route ${spec.method} ${spec.path}`);
        }
        routeIds.add(routeId);
        const route = new HttpRoute(this, routeId, {
          httpApi: this.httpApi,
          routeKey:
            spec.path === DEFAULT_ROUTE_PATH
              ? HttpRouteKey.DEFAULT
              : HttpRouteKey.with(spec.path, HttpMethod[spec.method]),
          integration,
          authorizer: spec.auth === "staff" ? staffAuthorizer : undefined,
        });
        if (spec.auth === "public") {
          Validations.of(route).acknowledge({ id: "AwsSolutions-APIG4", reason: PUBLIC_ROUTE_REASON });
        }
        routes.set(spec, route);
      }
    }

    this.functions = functions;
    this.routes = routes;
  }

  /** The invoke URL of the `$default` stage. */
  get url(): string {
    return this.stage.url;
  }
}

export function defaultHandlerEntry(handler: string): string {
  return `functions/http/${handler}.ts`;
}

function routeConstructId(spec: RouteSpec): string {
  return `${pascal(spec.method.toLowerCase())}${pascal(spec.path)}Route`;
}
