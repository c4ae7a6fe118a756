/**
 * A small history router: the path is state, links push it, Back and Forward pop it. Every app
 * path is served `index.html` (CloudFront Function in AWS, the local server under `npm start`).
 */
import { changes } from "./changes";

const place = changes();

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  place.changed();
  window.scrollTo(0, 0);
}

addEventListener("popstate", place.changed);

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  place.useChanges();
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** `pattern` like `/lacak/:id`; the named segments when `path` matches, else undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const clean = (p: string) => p.replace(/\/+$/, "") || "/";
  const want = clean(pattern).split("/");
  const got = clean(path).split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

/** Follows a same-origin link inside the app without reloading. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as Element).closest("a");
  if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
  if (anchor.getAttribute("href")?.startsWith("#")) return; // within the page (the skip link)
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || /^\/(v1|open311|docs|_local)(\/|$)/.test(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
