import { lookup as dnsLookup } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { checkWebhookUrl, isPublicAddress, WEBHOOK_TIMEOUT_MS } from "../../domain/webhooks";
import type { WebhookResponse, WebhookSender } from "../../use-cases/ports";

/** At most this much of a receiver's answer is read (and then thrown away). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Webhook POSTs over node's own HTTP client, refusing internal addresses where it counts: the URL is
 * checked before anything is sent (scheme, credentials, address literals), and a host name is
 * resolved by a lookup that refuses the connection when any address it returns is internal — the
 * very lookup the connection then uses, so DNS cannot answer one address to the check and another
 * to the socket (rebinding). Redirects are not followed (a 3xx is a failed attempt), so a receiver
 * cannot bounce the request to an internal address either. Each attempt has 5 s in all.
 */
export class HttpWebhookSender implements WebhookSender {
  private readonly dns: typeof dnsLookup;

  constructor(
    private readonly options: {
      readonly allowLocal: boolean;
      /** Name resolution. @default node's dns.lookup (tests answer internal addresses with their own) */
      readonly lookup?: typeof dnsLookup;
    },
  ) {
    this.dns = options.lookup ?? dnsLookup;
  }

  resolve(host: string): Promise<readonly string[]> {
    return new Promise((resolve, reject) =>
      this.dns(host, { all: true }, (error, addresses) =>
        error ? reject(error) : resolve(addresses.map((a) => a.address)),
      ),
    );
  }

  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<WebhookResponse> {
    const problem = checkWebhookUrl(url, { allowLocal: this.options.allowLocal });
    if (problem) return Promise.resolve({ error: `url refused: ${problem}`, refused: true });
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    let refusedAddress: string | undefined;
    const lookup: LookupFunction = (hostname, options, callback) => {
      this.dns(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, "", 4);
        const internal = addresses.find((a) => !isPublicAddress(a.address));
        if (internal) {
          refusedAddress = internal.address;
          return callback(
            Object.assign(new Error(`${hostname} resolves to an internal address`), { code: "EREFUSED" }),
            "",
            4,
          );
        }
        if (options.all)
          return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
        const first = addresses[0];
        if (!first)
          return callback(
            Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }),
            "",
            4,
          );
        return callback(null, first.address, first.family);
      });
    };
    return new Promise((resolve) => {
      const req = send(
        target,
        {
          method: "POST",
          headers: {
            ...headers,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "user-agent": "Aduan-Webhooks/1",
          },
          lookup,
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        },
        (res) => {
          let read = 0;
          res.on("data", (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) res.destroy();
          });
          const done = () => resolve({ status: res.statusCode ?? 0 });
          res.on("end", done);
          res.on("close", done);
          res.on("error", done);
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (refusedAddress !== undefined)
          resolve({ error: `refused: the host resolves to an internal address`, refused: true });
        else if (error.name === "AbortError" || error.name === "TimeoutError")
          resolve({ error: `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` });
        else resolve({ error: error.code ?? error.message });
      });
      req.end(body);
    });
  }
}
