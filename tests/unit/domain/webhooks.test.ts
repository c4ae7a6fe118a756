/** Standard Webhooks signing (checked against the specification's own example) and SSRF refusal. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkWebhookUrl,
  isPublicAddress,
  signWebhook,
  verifyWebhook,
  webhookSecret,
} from "../../../functions/domain/webhooks";

describe("Standard Webhooks signatures", () => {
  it("match the specification's example", () => {
    const headers = signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", {
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
      timestamp: new Date(1614265330 * 1000),
      body: '{"test": 2432232314}',
    });
    expect(headers).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });

  it("verify what was signed, and nothing changed, stale or signed with another secret", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 32 }), fc.string(), (key, body) => {
        const secret = webhookSecret(key);
        const now = new Date("2026-11-28T03:00:00Z");
        const headers = signWebhook(secret, { id: "msg_1", timestamp: now, body });
        expect(verifyWebhook(secret, headers, body, now)).toBe(true);
        expect(verifyWebhook(secret, headers, `${body} `, now)).toBe(false);
        expect(verifyWebhook(secret, { ...headers, "webhook-id": "msg_2" }, body, now)).toBe(false);
        expect(verifyWebhook(secret, headers, body, new Date(now.getTime() + 301_000))).toBe(false);
        expect(verifyWebhook(webhookSecret(key.map((b) => b ^ 1)), headers, body, now)).toBe(false);
      }),
    );
  });
});

describe("webhook receivers (SSRF)", () => {
  it("refuses internal addresses, literal or resolved, without sending anything", () => {
    for (const url of [
      "https://10.0.0.1/hook",
      "https://169.254.169.254/latest/meta-data/",
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "https://[fd00::1]/hook",
      "https://[::ffff:10.0.0.1]/hook",
      "https://192.168.1.10/hook",
      "https://100.64.0.1/hook",
      "https://localhost/hook",
      "https://metadata.google.internal/",
    ])
      expect(checkWebhookUrl(url, { allowLocal: false }), url).toBe("internal_address");
    expect(
      checkWebhookUrl("https://hooks.blorakab.go.id/aduan", { allowLocal: false, resolved: ["10.1.2.3"] }),
    ).toBe("internal_address");
    expect(
      checkWebhookUrl("https://hooks.blorakab.go.id/aduan", {
        allowLocal: false,
        resolved: ["103.10.20.30"],
      }),
    ).toBe(undefined);
  });

  it("wants HTTPS and no credentials; only the local stage takes http://127.0.0.1 receivers", () => {
    expect(checkWebhookUrl("http://hooks.blorakab.go.id/aduan", { allowLocal: false })).toBe("scheme");
    expect(checkWebhookUrl("https://user:pw@hooks.blorakab.go.id/", { allowLocal: false })).toBe(
      "credentials",
    );
    expect(checkWebhookUrl("not a url", { allowLocal: false })).toBe("not_a_url");
    expect(checkWebhookUrl("http://127.0.0.1:8123/hook", { allowLocal: true })).toBeUndefined();
    expect(checkWebhookUrl("http://127.0.0.1:8123/hook", { allowLocal: false })).toBe("scheme");
    expect(checkWebhookUrl("http://10.0.0.1/hook", { allowLocal: true })).toBe("scheme");
  });

  it("knows public addresses from internal ones across the ranges", () => {
    expect(["8.8.8.8", "103.10.20.30", "2001:4860:4860::8888"].every(isPublicAddress)).toBe(true);
    expect(["0.0.0.0", "172.31.255.255", "224.0.0.1", "fe80::1", "not-an-ip"].some(isPublicAddress)).toBe(
      false,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (a, b) => {
        expect(isPublicAddress(`10.${a}.${b}.1`)).toBe(false);
        expect(isPublicAddress(`172.${16 + (a % 16)}.${b}.1`)).toBe(false);
        expect(isPublicAddress(`169.254.${a}.${b}`)).toBe(false);
      }),
    );
  });
});
