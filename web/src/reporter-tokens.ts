/**
 * Reporters' access tokens on this device. By default a token lives only in this page's memory
 * (gone on reload); only when the reporter chooses "remember on this device" is it kept in
 * localStorage, and "forget" removes it.
 */
const memory = new Map<string, string>();
/** Tracking IDs are case-insensitive and their hyphen optional: one key for every way of typing one. */
const canonical = (trackingId: string) => trackingId.toUpperCase().replace(/[^0-9A-Z]/g, "");
const key = (trackingId: string) => `aduan.token.${canonical(trackingId)}`;

export function tokenFor(trackingId: string): string | undefined {
  return memory.get(canonical(trackingId)) ?? localStorage.getItem(key(trackingId)) ?? undefined;
}

export function keepToken(trackingId: string, token: string, remember: boolean): void {
  memory.set(canonical(trackingId), token);
  if (remember) localStorage.setItem(key(trackingId), token);
}

export function isRemembered(trackingId: string): boolean {
  return localStorage.getItem(key(trackingId)) !== null;
}

export function forgetToken(trackingId: string): void {
  memory.delete(canonical(trackingId));
  localStorage.removeItem(key(trackingId));
}
