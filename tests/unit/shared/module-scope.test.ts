/**
 * Nothing at module scope may make a network call (issue 13): a Lambda's init phase is the cold
 * start people wait for, and a call there would run before the handler's time limit and error
 * handling apply. Every route handler and job is imported here with every way out watched.
 */
import dns from "node:dns";
import { readdirSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";

const attempts: string[] = [];
const watch = <T extends object>(target: T, name: keyof T & string, label: string): { mockRestore(): void } =>
  vi.spyOn(target, name as never).mockImplementation(((..._args: unknown[]) => {
    attempts.push(label);
    throw new Error(`${label} at module scope`);
  }) as never) as unknown as { mockRestore(): void };

const spies = [
  watch(net.Socket.prototype, "connect", "net.Socket.connect"),
  watch(http, "request", "http.request"),
  watch(https, "request", "https.request"),
  watch(dns, "lookup", "dns.lookup"),
  watch(globalThis, "fetch", "fetch"),
];
afterAll(() => {
  for (const spy of spies) spy.mockRestore();
});

const dir = (folder: string) =>
  readdirSync(new URL(`../../../functions/${folder}/`, import.meta.url))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => `${folder}/${file}`);

describe("module scope", () => {
  const modules = [...dir("http"), ...dir("jobs")];
  it("covers every route handler and job", () => {
    expect(modules.length).toBeGreaterThan(40);
  });
  it.each(modules)("importing functions/%s calls nothing over the network", async (module) => {
    const loaded = (await import(`../../../functions/${module}`)) as { handler?: unknown };
    expect(typeof loaded.handler).toBe("function");
    expect(attempts).toEqual([]);
  });
});
