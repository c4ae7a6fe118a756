/**
 * Presigned S3 URLs without the S3 client: the HTTP functions only ever sign (a browser's upload,
 * a download link) and never call S3 themselves, and the client with its XML protocol is about
 * 115 KB of their bundles. Signing is SigV4 from `@smithy/signature-v4`, the signer the SDK's own
 * presigners use; tests/unit/adapters/url-signer.test.ts holds the output to theirs
 * (`@aws-sdk/s3-presigned-post`, `@aws-sdk/s3-request-presigner`), field for field.
 */
import { createHash, createHmac } from "node:crypto";
import { formatUrl } from "@aws-sdk/core/util";
import { extendedEncodeURIComponent } from "@smithy/core/protocols";
import { createScope, getSigningKey, SignatureV4 } from "@smithy/signature-v4";

/** The role's credentials, as the SDK's providers give them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

export interface S3UrlSignerOptions {
  readonly bucket: string;
  readonly region: string;
  /** The role's credentials (in Lambda, from the environment). */
  readonly credentials: () => Promise<Credentials>;
  /**
   * Another endpoint than AWS's (the local S3 server, or its upload gateway), addressed path-style:
   * `<endpoint>/<bucket>/<key>`. @default `https://<bucket>.s3.<region>.amazonaws.com/<key>`
   */
  readonly endpoint?: string;
  /** @default Date.now */
  readonly now?: () => number;
}

/** A presigned POST: the form's target and the fields that go before the file. */
export interface PresignedPost {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** A policy condition of a presigned POST, as S3 documents them. */
export type PostCondition = readonly (string | number)[] | Readonly<Record<string, string>>;

/**
 * A middleware as the SDK clients take them: the local server's grant guard is added to this signer
 * as to any client (functions/shared/container.ts, `guarded`), and runs before each signature.
 */
type Middleware = (
  next: (args: { input: Record<string, unknown> }) => Promise<unknown>,
  context: { commandName?: string },
) => (args: { input: Record<string, unknown> }) => Promise<unknown>;

const ALGORITHM = "AWS4-HMAC-SHA256";

/** SHA-256 and its HMAC from node:crypto, in the shape SigV4's signer asks for. */
class NodeSha256 {
  private hash;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create();
  }
  private create() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
}

function toBytes(data: SourceData): Uint8Array {
  if (typeof data === "string") return new TextEncoder().encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** `2026-11-28T03:04:05.678Z` → `2026-11-28T03:04:05Z`, as SigV4 and POST policies write time. */
const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export class S3UrlSigner {
  private readonly middlewares: Middleware[] = [];
  /** What a guard is added to (the SDK clients' `middlewareStack.add`). */
  readonly middlewareStack = {
    add: (middleware: never, _options?: never): void => {
      this.middlewares.push(middleware as Middleware);
    },
  };

  /** SigV4 for S3 (no path escaping, no checksum: as the SDK's presigner), built once. */
  private readonly signer: SignatureV4;

  constructor(private readonly options: S3UrlSignerOptions) {
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(options.bucket))
      throw new Error(
        `Bucket name ${options.bucket}: only lowercase letters, digits and dashes are signed here`,
      );
    this.signer = new SignatureV4({
      service: "s3",
      region: options.region,
      credentials: options.credentials,
      sha256: NodeSha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  /**
   * A browser's upload of `key`: a POST policy with `conditions` (the key and the fields are added
   * to them), valid `seconds`, signed as `createPresignedPost` signs it.
   */
  async presignPost(
    key: string,
    request: {
      readonly conditions: readonly PostCondition[];
      readonly fields: Readonly<Record<string, string>>;
      readonly seconds: number;
    },
  ): Promise<PresignedPost> {
    await this.authorize("PutObject", key);
    const { region, bucket } = this.options;
    const credentials = await this.options.credentials();
    const now = new Date(this.now());
    const signingDate = iso8601(now).replace(/[-:]/g, "");
    const shortDate = signingDate.slice(0, 8);
    const fields: Record<string, string> = {
      ...request.fields,
      bucket,
      "X-Amz-Algorithm": ALGORITHM,
      "X-Amz-Credential": `${credentials.accessKeyId}/${createScope(shortDate, region, "s3")}`,
      "X-Amz-Date": signingDate,
      ...(credentials.sessionToken && { "X-Amz-Security-Token": credentials.sessionToken }),
    };
    const conditions = new Set<string>(request.conditions.map((condition) => JSON.stringify(condition)));
    for (const [name, value] of Object.entries(fields)) conditions.add(JSON.stringify({ [name]: value }));
    conditions.add(JSON.stringify({ key }));
    const policy = Buffer.from(
      JSON.stringify({
        expiration: iso8601(new Date(now.valueOf() + request.seconds * 1000)),
        conditions: [...conditions].map((condition) => JSON.parse(condition)),
      }),
    ).toString("base64");
    const signingKey = await getSigningKey(NodeSha256, credentials, shortDate, region, "s3");
    const signature = createHmac("sha256", signingKey).update(policy).digest("hex");
    return {
      url: formatUrl(this.location("")),
      fields: { ...fields, key, Policy: policy, "X-Amz-Signature": signature },
    };
  }

  /**
   * A GET of `key` valid `seconds`, with S3's `response-*` overrides in `query`, signed as
   * `getSignedUrl` signs a GetObjectCommand.
   */
  async presignGet(
    key: string,
    request: { readonly seconds: number; readonly query?: Readonly<Record<string, string>> },
  ): Promise<string> {
    await this.authorize("GetObject", key);
    const location = this.location(key);
    const host = `${location.hostname}${location.port === undefined ? "" : `:${location.port}`}`;
    const presigned = await this.signer.presign(
      {
        ...location,
        method: "GET",
        query: { "x-id": "GetObject", ...request.query },
        headers: { host, "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD" },
      },
      {
        expiresIn: request.seconds,
        signingDate: new Date(this.now()),
        unsignableHeaders: new Set(["content-type"]),
        unhoistableHeaders: new Set(),
      },
    );
    return formatUrl(presigned);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Where `key` lives: virtual-hosted in AWS, path-style at another endpoint. */
  private location(key: string) {
    const path = key === "" ? "" : `/${key.split("/").map(extendedEncodeURIComponent).join("/")}`;
    const { endpoint, bucket, region } = this.options;
    if (endpoint === undefined)
      return { protocol: "https:", hostname: `${bucket}.s3.${region}.amazonaws.com`, path: path || "/" };
    const url = new URL(endpoint);
    const base = url.pathname.replace(/\/$/, "");
    return {
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port !== "" && { port: Number(url.port) }),
      path: `${base}/${bucket}${path}`,
    };
  }

  /** Runs the added middlewares (the local grant guard) as a call of `command` on `key` would. */
  private async authorize(command: "GetObject" | "PutObject", key: string): Promise<void> {
    const last = async () => undefined;
    const chain = this.middlewares.reduceRight<
      (args: { input: Record<string, unknown> }) => Promise<unknown>
    >((next, middleware) => middleware(next, { commandName: `${command}Command` }), last);
    await chain({ input: { Bucket: this.options.bucket, Key: key } });
  }
}
