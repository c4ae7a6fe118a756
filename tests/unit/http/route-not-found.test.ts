import { describe, expect, it } from "vitest";
import { handler } from "../../../functions/http/route-not-found";
import { httpEvent, lambdaContext } from "../../fixtures/http-events";

const call = async (method: string, path: string) => {
  const event = httpEvent({ method, path });
  const response = await handler(event, lambdaContext);
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    body: JSON.parse(String(response.body)),
  };
};

describe("the $default route", () => {
  it("answers a wrong method on an existing path with 405 and Allow", async () => {
    const response = await call("DELETE", "/v1/reports/7KQ4M-9TXRB");
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("GET");
    expect(response.body).toMatchObject({ error: "method_not_allowed", requestId: "req-test-1" });
    expect((await call("GET", "/v1/reports")).headers.allow).toBe("POST");
    expect((await call("PUT", "/v1/agencies/kab-blora")).headers.allow).toBe("PATCH");
  });

  it("answers an unknown path with 404 route_not_found in the error shape", async () => {
    const response = await call("GET", "/v2/nothing");
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: "route_not_found", details: [] });
  });
});
