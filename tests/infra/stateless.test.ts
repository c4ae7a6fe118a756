import { beforeAll, describe, expect, it } from "vitest";
import { environmentNames, mergeAccess } from "../../functions/manifests/grants";
import { JOBS } from "../../functions/manifests/jobs";
import { handlersOf, QUEUES, type QueueName, ROUTES, type RouteSpec } from "../../functions/manifests/routes";
import { CHANNELS_PARTITION_PREFIX, TABLE_DESIGN } from "../../functions/manifests/table-design";
import { ENV } from "../../functions/shared/runtime-config";
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from "../../lib/access";
import {
  allStatements,
  asArray,
  type Cfn,
  EXTRA_ROUTES,
  expectedS3Actions,
  handlerEntry,
  logicalId,
  must,
  resourcesOf,
  type SynthesizedApp,
  statementsOfRole,
  synthApp,
} from "./helpers";

/** The manifest as shipped, and the manifest plus staff/queue/attachment routes still to come. */
let shipped: SynthesizedApp;
let extended: SynthesizedApp;
let extendedRoutes: RouteSpec[];

beforeAll(() => {
  shipped = synthApp({ stage: "dev" });
  extendedRoutes = [...ROUTES, ...EXTRA_ROUTES];
  extended = synthApp({ stage: "prod", routes: extendedRoutes, handlerEntry });
});

/** Policy statements attached to one route function's role (default policy and managed policies). */
function statementsOfFunction(app: SynthesizedApp, handler: string): Record<string, Cfn>[] {
  return statementsOfRole(app, must(app.stateless.api.functions.get(handler), handler).role);
}

function actionsOf(statements: Record<string, Cfn>[]): string[] {
  return statements.flatMap((statement) => asArray<string>(statement.Action));
}

describe("functions", () => {
  it("one ARM64 Node.js 24 function per route handler and per job of the manifests, and no other", () => {
    for (const app of [shipped, extended]) {
      const functions = resourcesOf(app.statelessTemplate, "AWS::Lambda::Function");
      const handlers = [...handlersOf(app === shipped ? ROUTES : extendedRoutes).keys()];

      expect(functions).toHaveLength(handlers.length + JOBS.length);
      for (const [, fn] of functions) {
        expect(fn.Properties.Architectures).toEqual(["arm64"]);
        expect(fn.Properties.Runtime).toBe("nodejs24.x");
        expect(fn.Properties.Handler).toBe("index.handler");
        expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe("--enable-source-maps");
        expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      }
    }
  });

  it("log groups keep logs for the configured retention", () => {
    for (const [, group] of resourcesOf(extended.statelessTemplate, "AWS::Logs::LogGroup")) {
      expect(group.Properties.RetentionInDays).toBe(extended.config.logRetentionDays);
    }
  });

  it("sets exactly the environment its access needs", () => {
    for (const app of [shipped, extended]) {
      for (const [handler, routes] of handlersOf(app === shipped ? ROUTES : extendedRoutes)) {
        const access = mergeAccess(routes.map((route) => route.access));
        const fnId = logicalId(must(app.stateless.api.functions.get(handler), handler).function);
        const variables = app.statelessTemplate.toJSON().Resources[fnId].Properties.Environment.Variables;
        // The one declaration the local server uses too (functions/manifests/grants.ts).
        const expected = ["NODE_OPTIONS", ENV.stage, ...environmentNames(access, "aws")];

        expect(Object.keys(variables).sort(), handler).toEqual(expected.sort());
        expect(variables[ENV.stage]).toBe(app.config.stage);
      }
    }
  });
});

describe("least privilege", () => {
  it("no policy anywhere allows Scan or a wildcard action on DynamoDB, SQS or S3", () => {
    for (const app of [shipped, extended]) {
      for (const template of [app.statefulTemplate, app.statelessTemplate]) {
        const allowed = allStatements(template).filter((statement) => statement.Effect === "Allow");
        for (const action of actionsOf(allowed)) {
          expect(action).not.toMatch(/^dynamodb:Scan$/i);
          expect(action).not.toMatch(/^(dynamodb|sqs|s3):.*\*/i);
          expect(action).not.toBe("*");
        }
      }
    }
  });

  it("grants each function exactly its route access, and nothing on services it does not use", () => {
    for (const [handler, routes] of handlersOf(extendedRoutes)) {
      const access = mergeAccess(routes.map((route) => route.access));
      const statements = statementsOfFunction(extended, handler);
      const actions = actionsOf(statements);
      // Statements may be merged (minimizePolicies), so compare the set of actions per service.
      const service = (prefix: string) =>
        [...new Set(actions.filter((action) => action.startsWith(prefix)))].sort();

      const tableExpected =
        access.table === "readWrite"
          ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]
          : access.table === "read"
            ? [...TABLE_READ_ACTIONS]
            : [];
      expect(service("dynamodb:"), handler).toEqual(tableExpected.sort());

      const sqsExpected = (access.sendTo ?? []).length > 0 ? ["sqs:SendMessage"] : [];
      expect(service("sqs:"), handler).toEqual(sqsExpected);

      expect(service("s3:"), handler).toEqual(expectedS3Actions(access));

      const secretsExpected = access.tokenSecret
        ? ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
        : [];
      expect(service("secretsmanager:"), handler).toEqual(secretsExpected);

      expect(service("ses:"), handler).toEqual(access.email ? ["ses:SendEmail"] : []);

      const others = actions.filter((action) => !/^(dynamodb|sqs|s3|secretsmanager|ses):/.test(action));
      expect([...new Set(others)].sort(), handler).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    }
  });

  it("denies every function without channels access the agencies' channel partitions (e-mails, webhook secrets)", () => {
    const deniedPartitions = (role: Parameters<typeof statementsOfRole>[1]) =>
      statementsOfRole(shipped, role)
        .filter((statement) => statement.Effect === "Deny")
        .map((statement) => statement.Condition?.["ForAnyValue:StringLike"]?.["dynamodb:LeadingKeys"]);
    const functions = [
      ...[...handlersOf(ROUTES)].map(([handler, routes]) => ({
        name: handler,
        access: mergeAccess(routes.map((route) => route.access)),
        role: must(shipped.stateless.api.functions.get(handler), handler).role,
      })),
      ...JOBS.map((job) => ({
        name: job.handler,
        access: job.access,
        role: must(shipped.stateless.jobs.functions.get(job.handler), job.handler).role,
      })),
    ];
    const withChannels = functions.filter((fn) => fn.access.channels).map((fn) => fn.name);
    expect(withChannels.sort()).toEqual(["api-admin", "deliver-webhooks", "send-notifications"]);
    for (const fn of functions) {
      const expected = fn.access.table && !fn.access.channels ? [[`${CHANNELS_PARTITION_PREFIX}*`]] : [];
      expect(
        deniedPartitions(fn.role).map((keys) => asArray(keys)),
        fn.name,
      ).toEqual(expected);
    }
  });

  it("a function whose routes have no table access has no DynamoDB permission at all", () => {
    const withoutTable = [...handlersOf(extendedRoutes)].filter(([, routes]) =>
      routes.every((route) => route.access.table === undefined),
    );
    expect(withoutTable.length).toBeGreaterThan(0);
    for (const [handler] of withoutTable) {
      const actions = actionsOf(statementsOfFunction(extended, handler));
      expect(
        actions.filter((action) => action.toLowerCase().startsWith("dynamodb:")),
        handler,
      ).toEqual([]);
    }
  });

  it("scopes table grants to the table and its named indexes, and queue grants to the named queues", () => {
    const tableRef = (resource: Cfn) => JSON.stringify(resource);
    for (const [handler, routes] of handlersOf(extendedRoutes)) {
      const access = mergeAccess(routes.map((route) => route.access));
      const statements = statementsOfFunction(extended, handler);

      const dynamo = statements.filter((statement) =>
        actionsOf([statement]).some((a) => a.startsWith("dynamodb:")),
      );
      for (const statement of dynamo) {
        const resources = asArray(statement.Resource).map(tableRef);
        expect(resources).toHaveLength(1 + Object.keys(TABLE_DESIGN.indexes).length);
        expect(resources.join()).not.toContain("index/*");
      }

      const sqs = statements.filter((statement) => actionsOf([statement]).includes("sqs:SendMessage"));
      const queueOutputs = sqs.flatMap((statement) =>
        asArray(statement.Resource).map((resource: Cfn) => resource["Fn::GetStackOutput"]?.OutputName),
      );
      const expectedQueues = (access.sendTo ?? []).map((name: QueueName) => {
        const queueId = logicalId(extended.stateful.queues[name].queue);
        const outputs = extended.statefulTemplate.toJSON().Outputs as Record<string, Cfn>;
        return Object.entries(outputs).find(
          ([, output]) => JSON.stringify(output.Value) === JSON.stringify({ "Fn::GetAtt": [queueId, "Arn"] }),
        )?.[0];
      });
      expect(queueOutputs.sort(), handler).toEqual(expectedQueues.sort());
    }
    expect(Object.keys(QUEUES).length).toBeGreaterThan(0);
  });
});

describe("HTTP API", () => {
  it("has every route of the manifest with JWT on staff routes and NONE on public ones", () => {
    for (const [app, routes] of [
      [shipped, ROUTES],
      [extended, extendedRoutes],
    ] as const) {
      const apiRoutes = resourcesOf(app.statelessTemplate, "AWS::ApiGatewayV2::Route").map(
        ([, r]) => r.Properties,
      );
      expect(apiRoutes).toHaveLength(routes.length);

      for (const spec of routes) {
        const key = spec.path === "$default" ? "$default" : `${spec.method} ${spec.path}`;
        const route = apiRoutes.find((candidate) => candidate.RouteKey === key);
        expect(route, `${spec.method} ${spec.path}`).toBeDefined();
        if (spec.auth === "staff") {
          expect(route?.AuthorizationType).toBe("JWT");
          expect(route?.AuthorizerId).toBeDefined();
        } else {
          expect(route?.AuthorizationType).toBe("NONE");
          expect(route?.AuthorizerId).toBeUndefined();
        }
      }
    }
  });

  it("checks staff JWTs against the user pool issuer and the staff clients' audience (API and web console)", () => {
    const authorizers = resourcesOf(extended.statelessTemplate, "AWS::ApiGatewayV2::Authorizer");
    expect(authorizers).toHaveLength(1);
    const properties = must(authorizers[0], "authorizer")[1].Properties;
    const serialized = JSON.stringify(properties.JwtConfiguration);

    expect(properties.AuthorizerType).toBe("JWT");
    expect(properties.IdentitySource).toEqual(["$request.header.Authorization"]);
    expect(JSON.stringify(properties.JwtConfiguration.Issuer)).toContain("cognito-idp.");
    expect(serialized).toContain("Aduan-prod-Stateful");
    expect(properties.JwtConfiguration.Audience).toHaveLength(2);
    const audience = JSON.stringify(properties.JwtConfiguration.Audience);
    expect(audience).toContain("StaffClient");
    expect(audience).toContain("WebConsoleClient");
  });

  it("throttles and access-logs the default stage as configured", () => {
    const stages = resourcesOf(extended.statelessTemplate, "AWS::ApiGatewayV2::Stage");
    expect(stages).toHaveLength(1);
    const stage = must(stages[0], "stage")[1].Properties;

    expect(stage.StageName).toBe("$default");
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: extended.config.api.throttling.rateLimit,
      ThrottlingBurstLimit: extended.config.api.throttling.burstLimit,
    });
    expect(stage.AccessLogSettings.DestinationArn).toEqual({
      "Fn::GetAtt": [logicalId(extended.stateless.api.accessLogGroup), "Arn"],
    });
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({
      requestId: "$context.requestId",
      status: "$context.status",
    });
  });

  it("answers CORS preflight only for the configured origins", () => {
    const devApi = must(resourcesOf(shipped.statelessTemplate, "AWS::ApiGatewayV2::Api")[0], "dev api")[1]
      .Properties;
    const prodApi = must(resourcesOf(extended.statelessTemplate, "AWS::ApiGatewayV2::Api")[0], "prod api")[1]
      .Properties;

    expect(devApi.CorsConfiguration.AllowOrigins).toEqual(shipped.config.api.corsAllowedOrigins);
    expect(devApi.CorsConfiguration.AllowHeaders).toContain("idempotency-key");
    expect(prodApi.CorsConfiguration).toBeUndefined();
  });

  it("outputs the API URL, table, bucket, user pool and client ids", () => {
    const outputs = Object.keys(shipped.statelessTemplate.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining([
        "ApiUrl",
        "TableName",
        "AttachmentsBucketName",
        "UserPoolId",
        "UserPoolClientId",
      ]),
    );
  });
});
