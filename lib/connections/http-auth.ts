import { createHmac } from "node:crypto";
import { guardedFetch } from "@/lib/outbound/http";
import { authorizationCodeToken } from "./oauth-code";
import type { LoadedConnection } from "./store";

/**
 * Applies an HTTP connection's credentials to a request (server-side only). Returns every value
 * that carries a secret (the raw secrets and what was derived from them: the Authorization
 * header, an OAuth2 token, a signature) so callers can mask them in run history.
 */
export async function applyHttpAuth(
  connection: LoadedConnection,
  url: URL,
  headers: Headers,
  body: string | Uint8Array | undefined,
  signal?: AbortSignal,
): Promise<{ url: URL; headers: Headers; secretValues: string[] }> {
  const { config, secrets } = connection;
  const secretValues = Object.values(secrets).filter(Boolean);
  switch (connection.type) {
    case "apiKey":
      return { url: applyApiKey(config, secrets.key, url, headers, secretValues), headers, secretValues };
    case "bearer":
      headers.set("authorization", `Bearer ${secrets.token}`);
      secretValues.push(`Bearer ${secrets.token}`);
      break;
    case "basic": {
      const encoded = Buffer.from(`${String(config.username ?? "")}:${secrets.password}`).toString("base64");
      headers.set("authorization", `Basic ${encoded}`);
      secretValues.push(encoded);
      break;
    }
    case "oauth2": {
      const token = await oauth2Token(connection, signal);
      headers.set("authorization", `Bearer ${token}`);
      secretValues.push(token);
      break;
    }
    case "oauth2Code": {
      const token = await authorizationCodeToken(connection, signal);
      headers.set("authorization", `Bearer ${token}`);
      secretValues.push(token);
      break;
    }
    case "hmac": {
      const timestampHeader = typeof config.timestampHeader === "string" && config.timestampHeader ? config.timestampHeader : null;
      const timestamp = String(Math.floor(Date.now() / 1000));
      // Bytes as they are sent (a multipart body with files is not text).
      const signed = Buffer.concat([Buffer.from(timestampHeader ? `${timestamp}.` : ""), typeof body === "string" || body === undefined ? Buffer.from(body ?? "") : body]);
      const digest = createHmac(String(config.algorithm ?? "sha256"), secrets.secret)
        .update(signed)
        .digest(config.encoding === "base64" ? "base64" : "hex");
      headers.set(String(config.header ?? "X-Signature"), `${String(config.prefix ?? "")}${digest}`);
      if (timestampHeader) headers.set(timestampHeader, timestamp);
      break;
    }
    case "aiModel":
      // Local model servers (Ollama, LM Studio) take no key.
      if (!secrets.apiKey) break;
      if (config.provider === "anthropic") headers.set("x-api-key", secrets.apiKey);
      else if (config.provider === "azure") headers.set("api-key", secrets.apiKey);
      else {
        headers.set("authorization", `Bearer ${secrets.apiKey}`);
        secretValues.push(`Bearer ${secrets.apiKey}`);
      }
      break;
    default:
      throw new Error(`A ${connection.type} connection cannot authenticate HTTP requests; choose an API key, bearer, basic, OAuth2 or HMAC connection`);
  }
  return { url, headers, secretValues };
}

/**
 * An API key in a header or query parameter (written through the connection's value format, e.g.
 * "Bot {key}"), in the URL path where it says `{key}` (Telegram's /bot{key}/sendMessage), or as the
 * whole URL (an incoming-webhook address, whose path and query the request extends).
 */
function applyApiKey(config: Record<string, unknown>, key: string, url: URL, headers: Headers, secretValues: string[]): URL {
  const format = typeof config.format === "string" && config.format.includes("{key}") ? config.format : "{key}";
  const value = format.replaceAll("{key}", key);
  if (value !== key) secretValues.push(value);
  switch (config.in) {
    case "query":
      url.searchParams.set(String(config.name ?? "X-API-Key"), value);
      return url;
    case "path": {
      const inPath = encodeURIComponent(key).replaceAll("%3A", ":");
      const withKey = url.pathname.replace(/%7Bkey%7D|\{key\}/gi, inPath);
      if (withKey === url.pathname) throw new Error("This API key connection sends the key in the URL path, but the URL has no {key} in its path");
      secretValues.push(inPath);
      url.pathname = withKey;
      return url;
    }
    case "url": {
      let target: URL;
      try {
        target = new URL(key);
      } catch {
        throw new Error("This API key connection's key should be a whole URL (a webhook address), and it is not one");
      }
      if (url.pathname !== "/") target.pathname = target.pathname.replace(/\/+$/, "") + url.pathname;
      for (const [name, param] of url.searchParams) target.searchParams.append(name, param);
      return target;
    }
    default:
      headers.set(String(config.name ?? "X-API-Key"), value);
      return url;
  }
}

// ---- OAuth2 client credentials -----------------------------------------------------------------

interface CachedToken {
  token: string;
  expiresAt: number;
  version: number;
}

const tokens = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();
/** Tokens are renewed this long before they expire. */
const EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_TOKEN_LIFETIME_S = 3600;

/** The connection's access token: cached until shortly before it expires, then fetched again (one fetch at a time). */
export async function oauth2Token(connection: LoadedConnection, signal?: AbortSignal, force = false): Promise<string> {
  const version = connection.updatedAt.getTime();
  const cached = tokens.get(connection.id);
  if (!force && cached && cached.version === version && cached.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return cached.token;
  let pending = inFlight.get(connection.id);
  if (!pending) {
    pending = fetchToken(connection, signal).finally(() => inFlight.delete(connection.id));
    inFlight.set(connection.id, pending);
  }
  const fresh = await pending;
  tokens.set(connection.id, fresh);
  return fresh.token;
}

/** Drops a cached token (e.g. after the API answered 401 with it). */
export function forgetToken(connectionId: string) {
  tokens.delete(connectionId);
}

async function fetchToken(connection: LoadedConnection, signal?: AbortSignal): Promise<CachedToken> {
  const { config, secrets } = connection;
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (config.scope) form.set("scope", String(config.scope));
  if (config.audience) form.set("audience", String(config.audience));
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", accept: "application/json" });
  if (config.authStyle === "body") {
    form.set("client_id", String(config.clientId));
    form.set("client_secret", secrets.clientSecret);
  } else {
    headers.set("authorization", `Basic ${Buffer.from(`${encodeURIComponent(String(config.clientId))}:${encodeURIComponent(secrets.clientSecret)}`).toString("base64")}`);
  }
  const response = await guardedFetch(String(config.tokenUrl), { method: "POST", headers, body: form.toString(), signal }, { timeoutMs: 30_000 });
  const text = await response.text();
  if (!response.ok) throw new Error(`The token endpoint answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
  let data: { access_token?: unknown; expires_in?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    throw new Error("The token endpoint did not answer JSON");
  }
  if (typeof data.access_token !== "string" || !data.access_token) throw new Error("The token endpoint's answer has no access_token");
  const lifetime = Number(data.expires_in);
  const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DEFAULT_TOKEN_LIFETIME_S;
  return { token: data.access_token, expiresAt: Date.now() + seconds * 1000, version: connection.updatedAt.getTime() };
}
