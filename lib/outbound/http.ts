import { isIP } from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { resolveAllowed, type ResolveOptions } from "./ssrf";

/** Time limits of every outbound HTTP call, also when a caller sets none. */
export const CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
export const MAX_REDIRECTS = 5;

type Connector = buildConnector.connector;

/**
 * An undici connector that resolves the host, refuses blocked addresses (lib/outbound/ssrf.ts)
 * and only then connects, to the checked address (TLS still verifies the host name).
 */
export function guardedConnector(options: ResolveOptions & { base?: Connector } = {}): Connector {
  const base = options.base ?? buildConnector({ timeout: CONNECT_TIMEOUT_MS });
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
    resolveAllowed(host, options).then(
      ({ address }) => base({ ...connectOptions, hostname: address, servername: connectOptions.servername ?? (isIP(host) ? undefined : host) }, callback),
      (error: Error) => callback(error, null),
    );
  };
}

const holder = globalThis as typeof globalThis & { __switchboardOutboundAgent?: Agent };

function sharedAgent(): Agent {
  holder.__switchboardOutboundAgent ??= new Agent({ connect: guardedConnector(), headersTimeout: DEFAULT_CALL_TIMEOUT_MS, bodyTimeout: DEFAULT_CALL_TIMEOUT_MS });
  return holder.__switchboardOutboundAgent;
}

export interface GuardedFetchOptions {
  /** Overall time limit (connect, redirects, headers); the caller's signal may end it sooner. */
  timeoutMs?: number;
  /** For tests: a dispatcher with its own connector. */
  dispatcher?: Agent;
  /** Called before each hop (also redirects) with its URL: may throw to refuse it. */
  beforeHop?: (url: URL) => Promise<void> | void;
}

/**
 * fetch through the SSRF guard: http(s) only, every hop checked before it connects (redirects
 * are followed here, at most 5, and the Authorization header is dropped when a redirect leaves
 * the origin), with a time limit on the whole call.
 */
export async function guardedFetch(input: URL | string, init: RequestInit = {}, options: GuardedFetchOptions = {}): Promise<Response> {
  let url = new URL(String(input));
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const follow = (init.redirect ?? "follow") === "follow";
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  const headers = new Headers(init.headers);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`Only http and https URLs can be called (got ${url.protocol})`);
    await options.beforeHop?.(url);
    const response = (await undiciFetch(url, {
      method,
      headers: headers as never,
      body: body as never,
      signal,
      redirect: "manual",
      dispatcher: options.dispatcher ?? sharedAgent(),
    })) as unknown as Response;
    const location = response.headers.get("location");
    if (!follow || !location || ![301, 302, 303, 307, 308].includes(response.status)) return response;
    if (hop >= MAX_REDIRECTS) throw new TypeError(`Too many redirects (more than ${MAX_REDIRECTS})`);
    await response.body?.cancel().catch(() => undefined);
    const next = new URL(location, url);
    if (next.origin !== url.origin) {
      headers.delete("authorization");
      headers.delete("cookie");
    }
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
      method = method === "HEAD" ? "HEAD" : "GET";
      body = undefined;
      headers.delete("content-type");
      headers.delete("content-length");
    }
    url = next;
  }
}
