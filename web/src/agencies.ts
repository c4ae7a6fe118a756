/**
 * The agency directory (public), loaded once per page load for every page that needs it (filing,
 * the console), with the tree walks the console needs.
 */
import { useEffect, useState } from "preact/hooks";
import { api, type Schemas } from "./api/client";

let cached: Promise<Schemas["Agency"][]> | undefined;

export function useAgencies(): Schemas["Agency"][] {
  const [agencies, setAgencies] = useState<Schemas["Agency"][]>([]);
  useEffect(() => {
    cached ??= api.GET("/v1/agencies").then(({ data }) => data?.agencies ?? []);
    void cached.then(setAgencies);
  }, []);
  return agencies;
}

/** `root` and every agency below it, depth first, each with its depth under `root`. */
export function subtree(
  agencies: Schemas["Agency"][],
  root: string,
): { agency: Schemas["Agency"]; depth: number }[] {
  const byParent = new Map<string | null, Schemas["Agency"][]>();
  for (const agency of agencies)
    byParent.set(agency.parentId, [...(byParent.get(agency.parentId) ?? []), agency]);
  const out: { agency: Schemas["Agency"]; depth: number }[] = [];
  const walk = (agency: Schemas["Agency"], depth: number) => {
    out.push({ agency, depth });
    for (const child of byParent.get(agency.id) ?? []) walk(child, depth + 1);
  };
  const start = agencies.find((a) => a.id === root);
  if (start) walk(start, 0);
  return out;
}

export function agencyName(agencies: Schemas["Agency"][], id: string): string {
  return agencies.find((a) => a.id === id)?.name ?? id;
}
