/**
 * Reporters' access tokens on this device. By default a token lives only in this page's memory
 * (gone on reload); only when the reporter chooses "remember on this device" is it kept in
 * localStorage, and "forget" removes it.
 */
const memory = new Map<string, string>();
const key = (trackingId: string) => `aduan.token.${trackingId.toUpperCase()}`;

export function tokenFor(trackingId: string): string | undefined {
  return memory.get(trackingId.toUpperCase()) ?? localStorage.getItem(key(trackingId)) ?? undefined;
}

export function keepToken(trackingId: string, token: string, remember: boolean): void {
  memory.set(trackingId.toUpperCase(), token);
  if (remember) localStorage.setItem(key(trackingId), token);
}

export function isRemembered(trackingId: string): boolean {
  return localStorage.getItem(key(trackingId)) !== null;
}

export function forgetToken(trackingId: string): void {
  memory.delete(trackingId.toUpperCase());
  localStorage.removeItem(key(trackingId));
}
