/**
 * An OpenAPI 3.1 document assembled from zod schemas with zod's own JSON Schema output
 * (`z.toJSONSchema`, draft 2020-12, which OpenAPI 3.1 uses). A schema with `meta({ id })` becomes
 * a component, referenced wherever it appears; request parts are converted as zod reads them
 * (`io: "input"`: a field with a default is optional), responses as handlers produce them.
 */
import * as z from "../domain/zod";

type Schema = z.core.$ZodType;
type ObjectSchema = z.ZodMiniObject;
// biome-ignore lint/suspicious/noExplicitAny: JSON Schema and OpenAPI objects are open-ended
export type JsonObject = Record<string, any>;

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface MediaTypes {
  readonly [mediaType: string]: { readonly schema: Schema };
}

export interface ResponseConfig {
  readonly description: string;
  readonly headers?: Readonly<Record<string, { readonly description?: string; readonly schema: JsonObject }>>;
  readonly content?: MediaTypes;
}

export interface RequestConfig {
  readonly params?: ObjectSchema;
  readonly query?: ObjectSchema;
  readonly headers?: ObjectSchema;
  readonly body?: {
    readonly required?: boolean;
    readonly description?: string;
    readonly content: MediaTypes;
  };
}

export interface OperationConfig {
  readonly method: HttpMethod;
  /** A path template (`/v1/reports/{trackingId}`), or a webhook's name. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly request?: RequestConfig;
  readonly responses: Readonly<Record<number, ResponseConfig | undefined>>;
}

export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: JsonObject;
  readonly servers?: readonly JsonObject[];
  readonly tags?: readonly JsonObject[];
  readonly components: {
    readonly securitySchemes: Record<string, JsonObject>;
    readonly schemas: Record<string, JsonObject>;
  };
  readonly paths: Record<string, Partial<Record<HttpMethod, JsonObject>>>;
  readonly webhooks: Record<string, Partial<Record<HttpMethod, JsonObject>>>;
}

const COMPONENT_REF = "#/components/schemas/";

export class OpenApiBuilder {
  private readonly paths: OpenApiDocument["paths"] = {};
  private readonly webhooks: OpenApiDocument["webhooks"] = {};
  private readonly securitySchemes: Record<string, JsonObject> = {};
  private readonly schemas: Record<string, JsonObject> = {};
  private readonly converted = {
    input: new WeakMap<Schema, JsonObject>(),
    output: new WeakMap<Schema, JsonObject>(),
  };

  /** Declares a security scheme; returns its name, for an operation's `security`. */
  securityScheme(name: string, scheme: JsonObject): string {
    this.securitySchemes[name] = scheme;
    return name;
  }

  operation(config: OperationConfig): void {
    const forPath = this.paths[config.path] ?? {};
    if (forPath[config.method]) throw new Error(`${config.method} ${config.path} declared twice`);
    forPath[config.method] = this.operationObject(config);
    this.paths[config.path] = forPath;
  }

  /** What the API sends to a receiver (OpenAPI 3.1's top-level `webhooks`), keyed by its name. */
  webhook(config: OperationConfig): void {
    this.webhooks[config.path] = { [config.method]: this.operationObject(config) };
  }

  document(top: Pick<OpenApiDocument, "info" | "servers" | "tags">): OpenApiDocument {
    return {
      openapi: "3.1.0",
      ...top,
      components: { securitySchemes: this.securitySchemes, schemas: this.schemas },
      paths: this.paths,
      webhooks: this.webhooks,
    };
  }

  private operationObject(config: OperationConfig): JsonObject {
    const { request } = config;
    const parameters = [
      ...this.parameters(request?.params, "path"),
      ...this.parameters(request?.query, "query"),
      ...this.parameters(request?.headers, "header"),
    ];
    const responses: JsonObject = {};
    for (const [status, response] of Object.entries(config.responses)) {
      if (response === undefined) continue; // a standard response an access kind does not have
      responses[status] = {
        description: response.description,
        ...(response.headers && { headers: response.headers }),
        ...(response.content && { content: this.content(response.content, "output") }),
      };
    }
    return {
      operationId: config.operationId,
      summary: config.summary,
      ...(config.description && { description: config.description }),
      ...(config.tags && { tags: config.tags }),
      ...(config.security && { security: config.security }),
      ...(parameters.length > 0 && { parameters }),
      ...(request?.body && {
        requestBody: {
          ...(request.body.description && { description: request.body.description }),
          required: request.body.required ?? true,
          content: this.content(request.body.content, "input"),
        },
      }),
      responses,
    };
  }

  private parameters(object: ObjectSchema | undefined, where: "path" | "query" | "header"): JsonObject[] {
    if (!object) return [];
    return Object.entries(object.shape).map(([name, field]) => {
      const schema = this.jsonSchema(field as Schema, "input");
      const optional = (field as Schema)._zod.optin === "optional";
      return {
        name,
        in: where,
        required: where === "path" || !optional,
        ...(typeof schema.description === "string" && { description: schema.description }),
        schema,
      };
    });
  }

  private content(media: MediaTypes, io: "input" | "output"): JsonObject {
    return Object.fromEntries(
      Object.entries(media).map(([type, { schema }]) => [type, { schema: this.jsonSchema(schema, io) }]),
    );
  }

  /**
   * The JSON Schema of `schema`; the named schemas it contains go to components (each converted
   * once: a name that two conversions would define differently is an error, not a silent pick).
   */
  private jsonSchema(schema: Schema, io: "input" | "output"): JsonObject {
    // The same schema recurs (the error body in every operation): converted once per direction.
    const known = this.converted[io].get(schema);
    if (known) return known;
    const root = this.convert(schema, io);
    this.converted[io].set(schema, root);
    return root;
  }

  private convert(schema: Schema, io: "input" | "output"): JsonObject {
    const converted = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
      override: ({ zodSchema, jsonSchema }) => {
        // Only a strict object refuses unknown keys; zod strips them from any other on input, and
        // the contract stays open to additions on output.
        const def = zodSchema._zod.def as { type: string; catchall?: Schema };
        if (def.type === "object" && def.catchall?._zod.def.type !== "never")
          delete jsonSchema.additionalProperties;
        // zod writes out what a format or an integer type already says; the document keeps the words.
        if (typeof jsonSchema.format === "string") delete jsonSchema.pattern;
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      },
    }) as JsonObject;
    const { $schema: _, $defs, ...root } = pointRefsAtComponents(converted);
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonObject>)) {
      const known = this.schemas[name];
      if (known && JSON.stringify(known) !== JSON.stringify(definition))
        throw new Error(`Component ${name} differs between uses (${io}): give one of them another id`);
      this.schemas[name] = definition;
    }
    return root;
  }
}

/** `#/$defs/Name` (zod's local definitions) → `#/components/schemas/Name`. */
function pointRefsAtComponents(value: JsonObject): JsonObject {
  if (Array.isArray(value)) return value.map(pointRefsAtComponents);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string"
        ? inner.replace(/^#\/\$defs\//, COMPONENT_REF)
        : pointRefsAtComponents(inner),
    ]),
  );
}
