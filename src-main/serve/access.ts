// Runs in: browser host. Who may talk to `anyfill serve`: pure checks, unit-tested.
// Loopback by default; other interfaces only with a token. The Host and Origin checks stop DNS-rebinding
// pages from driving the engine through the user's browser.
import { timingSafeEqual } from 'node:crypto';

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export interface AccessPolicy {
  /** Host names (without port) that the Host header may carry. */
  allowedHostnames: Set<string>;
  port: number;
  /** Required on API, file and WebSocket requests when set. */
  token: string | null;
}

export function makePolicy(bindHost: string, port: number, token: string | null): AccessPolicy {
  if (!isLoopbackHost(bindHost) && !token) {
    throw new Error(`Refusing to serve on ${bindHost} without --token: other machines could reach your files. Pass --token <secret>.`);
  }
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (!isLoopbackHost(bindHost) && bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost);
  return { allowedHostnames: names, port, token };
}

/** Host header must name us; with a token and a wildcard bind, any host name is accepted (the token guards). */
export function hostHeaderAllowed(policy: AccessPolicy, hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  if (policy.token) return true;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader);
  if (!m) return false;
  const port = m[2] ? Number(m[2]) : 80;
  return policy.allowedHostnames.has(m[1]!.toLowerCase()) && port === policy.port;
}

/** A WebSocket must come from our own page: same host as the Host header. */
export function originAllowed(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (!originHeader || !hostHeader) return false;
  try {
    const origin = new URL(originHeader);
    return (origin.protocol === 'http:' || origin.protocol === 'https:') && origin.host === hostHeader;
  } catch {
    return false;
  }
}

export function tokenMatches(policy: AccessPolicy, given: string | null | undefined): boolean {
  if (!policy.token) return true;
  if (!given) return false;
  const a = Buffer.from(policy.token);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
