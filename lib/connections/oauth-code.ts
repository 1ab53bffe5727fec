import { createHash, randomBytes } from "node:crypto";
import { ApiError, notFound } from "@/lib/api/http";
import { audit } from "@/lib/auth/audit";
import { db } from "@/lib/db/client";
import { NodeError } from "@/lib/nodes/errors";
import { guardedFetch } from "@/lib/outbound/http";
import { decryptSecret, encryptSecret } from "@/lib/secrets/crypto";
import { RESERVED_NAMESPACE_PREFIX } from "@/lib/store/kv";
import { loadConnection, type LoadedConnection } from "./store";

/**
 * OAuth2 authorization code with PKCE (RFC 6749 §4.1, RFC 7636), for `oauth2Code` connections.
 * The Connections page sends the user to the app's sign-in page with a one-time `state` and a
 * S256 code challenge; the callback exchanges the code (with the verifier) for tokens, stored
 * encrypted apart from the secrets the user typed. Requests use the access token and refresh it
 * shortly before it expires, one refresh at a time per process; a refresh the app refuses marks
 * the connection "needs reconnecting" (audited, shown on the Connections page) and fails the
 * step without retries, naming the connection.
 *
 * Hand-written rather than an OAuth client library: token requests must go through the same
 * SSRF-guarded outbound path as every other call, and apps answer with their own quirks (GitHub's
 * form-encoded answers, Slack's `token_type: "bot"`) that strict clients refuse.
 */

const STATE_NAMESPACE = `${RESERVED_NAMESPACE_PREFIX}oauth-state`;
/** How long a sign-in started on the Connections page may take. */
const STATE_TTL_MS = 10 * 60_000;
/** Tokens are refreshed this long before they expire (halfway through for shorter-lived ones). */
const REFRESH_MARGIN_MS = 60_000;
const TOKEN_TIMEOUT_MS = 30_000;

interface PendingSignIn {
  connectionId: string;
  verifier: string;
  redirectUri: string;
  createdAt: number;
}

interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** When to refresh (ms since epoch): a minute before expiry, or halfway for tokens that live under two minutes. */
  refreshAt?: number;
}

/** The callback address to register with the app. */
export function oauthRedirectUri(origin: string): string {
  return `${origin}/api/connections/oauth/callback`;
}

/** Starts a sign-in: the address of the app's authorization page to send the user to. */
export async function startAuthorization(workspaceId: string, connectionId: string, origin: string): Promise<string> {
  const connection = await oauthConnection(workspaceId, connectionId);
  const state = randomBytes(24).toString("base64url");
  const verifier = randomBytes(48).toString("base64url");
  const redirectUri = oauthRedirectUri(origin);
  const pending: PendingSignIn = { connectionId, verifier, redirectUri, createdAt: Date.now() };
  await db().keyValueEntry.create({ data: { workspaceId, namespace: STATE_NAMESPACE, key: state, value: pending as object } });
  // Sign-ins nobody finished are dropped as new ones start.
  await db().keyValueEntry.deleteMany({ where: { workspaceId, namespace: STATE_NAMESPACE, updatedAt: { lt: new Date(Date.now() - STATE_TTL_MS) } } });

  const { config } = connection;
  const url = new URL(String(config.authorizeUrl));
  for (const [key, value] of new URLSearchParams(String(config.authorizeParams ?? ""))) url.searchParams.set(key, value);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", String(config.clientId));
  url.searchParams.set("redirect_uri", redirectUri);
  if (config.scope) url.searchParams.set("scope", String(config.scope));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

/** Finishes a sign-in from the app's redirect: exchanges the code for tokens. Returns the connection's id. */
export async function completeAuthorization(workspaceId: string, query: URLSearchParams, actor: Parameters<typeof audit>[1]): Promise<string> {
  const state = query.get("state");
  if (!state) throw new ApiError(400, "The app sent no state: start again from the Connections page");
  const where = { workspaceId_namespace_key: { workspaceId, namespace: STATE_NAMESPACE, key: state } };
  const row = await db().keyValueEntry.findUnique({ where });
  // Deleted before use, so a state works once even when the redirect is replayed.
  const { count } = await db().keyValueEntry.deleteMany({ where: { workspaceId, namespace: STATE_NAMESPACE, key: state } });
  const pending = row?.value as unknown as PendingSignIn | undefined;
  if (!pending || !count || Date.now() - pending.createdAt > STATE_TTL_MS) {
    throw new ApiError(400, "This sign-in has expired or was already used: click Connect again on the Connections page");
  }
  const refused = query.get("error");
  if (refused) {
    const description = query.get("error_description");
    throw new ApiError(400, `The app did not allow access: ${refused}${description ? ` (${description})` : ""}`);
  }
  const code = query.get("code");
  if (!code) throw new ApiError(400, "The app sent no authorization code");
  const connection = await oauthConnection(workspaceId, pending.connectionId);
  let tokens: { set: TokenSet; expiresAt: Date | null };
  try {
    tokens = await requestTokens(connection, { grant_type: "authorization_code", code, redirect_uri: pending.redirectUri, code_verifier: pending.verifier });
  } catch (error) {
    throw new ApiError(502, `The app refused the sign-in: ${(error as Error).message}`);
  }
  await saveTokens(connection.id, tokens.set, tokens.expiresAt);
  await audit(workspaceId, actor, "connection.connect", connection.id, { name: connection.name });
  return connection.id;
}

/** A valid access token for a request, refreshed first when it is about to expire. */
export async function authorizationCodeToken(connection: LoadedConnection, signal?: AbortSignal): Promise<string> {
  const row = await db().connection.findUnique({ where: { id: connection.id }, select: { oauthTokens: true, oauthExpiresAt: true, authState: true, authMessage: true } });
  if (!row?.oauthTokens || row.authState !== "connected") throw notConnected(connection, row?.authState === "needs_reconnect" ? row.authMessage : null);
  const tokens = JSON.parse(decryptSecret(row.oauthTokens)) as TokenSet;
  if (!row.oauthExpiresAt || (tokens.refreshAt ?? row.oauthExpiresAt.getTime() - REFRESH_MARGIN_MS) > Date.now()) return tokens.accessToken;
  let pending = refreshing.get(connection.id);
  if (!pending) {
    pending = refresh(connection, tokens, row.oauthExpiresAt, signal).finally(() => refreshing.delete(connection.id));
    refreshing.set(connection.id, pending);
  }
  return pending;
}

const refreshing = new Map<string, Promise<string>>();

async function refresh(connection: LoadedConnection, tokens: TokenSet, expiredAt: Date, signal?: AbortSignal): Promise<string> {
  if (!tokens.refreshToken) return markNeedsReconnect(connection, "The access token expired and the app gave no refresh token");
  try {
    const fresh = await requestTokens(connection, { grant_type: "refresh_token", refresh_token: tokens.refreshToken }, signal);
    // Apps that do not rotate refresh tokens send none back: the old one stays valid.
    await saveTokens(connection.id, { ...fresh.set, refreshToken: fresh.set.refreshToken ?? tokens.refreshToken }, fresh.expiresAt);
    return fresh.set.accessToken;
  } catch (error) {
    if (!(error instanceof TokenRefused)) throw new NodeError(`Refreshing the access token of “${connection.name}” failed: ${(error as Error).message}`);
    // Another process may have refreshed (and rotated the refresh token) in the meantime.
    const now = await db().connection.findUnique({ where: { id: connection.id }, select: { oauthTokens: true, oauthExpiresAt: true } });
    if (now?.oauthTokens && now.oauthExpiresAt && now.oauthExpiresAt.getTime() !== expiredAt.getTime()) {
      return (JSON.parse(decryptSecret(now.oauthTokens)) as TokenSet).accessToken;
    }
    return markNeedsReconnect(connection, error.message);
  }
}

async function markNeedsReconnect(connection: LoadedConnection, reason: string): Promise<never> {
  const message = reason.slice(0, 500);
  const { count } = await db().connection.updateMany({ where: { id: connection.id, authState: "connected" }, data: { authState: "needs_reconnect", authMessage: message } });
  if (count) {
    const row = await db().connection.findUnique({ where: { id: connection.id }, select: { workspaceId: true } });
    if (row) await audit(row.workspaceId, { label: "system", id: null, ip: null }, "connection.needs-reconnect", connection.id, { name: connection.name, reason: message });
    console.warn(`[connections] “${connection.name}” (${connection.id}) needs reconnecting: ${message}`);
  }
  throw notConnected(connection, message);
}

function notConnected(connection: LoadedConnection, reason: string | null | undefined): NodeError {
  const why = reason ? `needs reconnecting (${reason})` : "is not connected";
  return new NodeError(`The connection “${connection.name}” ${why}: open Connections and click ${reason ? "Reconnect" : "Connect"}`, { retriable: false });
}

async function saveTokens(connectionId: string, tokens: TokenSet, expiresAt: Date | null) {
  await db().connection.update({
    where: { id: connectionId },
    data: { oauthTokens: encryptSecret(JSON.stringify(tokens)), oauthExpiresAt: expiresAt, authState: "connected", authMessage: null },
  });
}

/** The app answered the token request with an error (4xx): the grant or the client is not accepted. */
class TokenRefused extends Error {}

async function requestTokens(connection: LoadedConnection, grant: Record<string, string>, signal?: AbortSignal): Promise<{ set: TokenSet; expiresAt: Date | null }> {
  const { config, secrets } = connection;
  const form = new URLSearchParams(grant);
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded", accept: "application/json" });
  if (config.authStyle === "header" && secrets.clientSecret) {
    headers.set("authorization", `Basic ${Buffer.from(`${encodeURIComponent(String(config.clientId))}:${encodeURIComponent(secrets.clientSecret)}`).toString("base64")}`);
  } else {
    form.set("client_id", String(config.clientId));
    if (secrets.clientSecret) form.set("client_secret", secrets.clientSecret);
  }
  const response = await guardedFetch(String(config.tokenUrl), { method: "POST", headers, body: form.toString(), signal }, { timeoutMs: TOKEN_TIMEOUT_MS });
  const text = await response.text();
  const answer = parseAnswer(text, response.headers.get("content-type"));
  const error = typeof answer.error === "string" ? `${answer.error}${typeof answer.error_description === "string" ? `: ${answer.error_description}` : ""}` : null;
  if (response.status >= 400 && response.status < 500) throw new TokenRefused(error ?? `the token endpoint answered ${response.status}`);
  if (!response.ok) throw new Error(`the token endpoint answered ${response.status}`);
  // Some apps (GitHub, Slack) answer 200 with an error.
  if (error) throw new TokenRefused(error);
  if (typeof answer.access_token !== "string" || !answer.access_token) throw new Error("the token endpoint's answer has no access_token");
  const lifetimeMs = Number(answer.expires_in) * 1000;
  const expires = Number.isFinite(lifetimeMs) && lifetimeMs > 0;
  const now = Date.now();
  return {
    set: {
      accessToken: answer.access_token,
      ...(typeof answer.refresh_token === "string" && answer.refresh_token ? { refreshToken: answer.refresh_token } : {}),
      ...(expires ? { refreshAt: now + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) } : {}),
    },
    expiresAt: expires ? new Date(now + lifetimeMs) : null,
  };
}

function parseAnswer(text: string, contentType: string | null): Record<string, unknown> {
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function oauthConnection(workspaceId: string, connectionId: string): Promise<LoadedConnection> {
  const connection = await loadConnection(workspaceId, connectionId).catch(() => {
    throw notFound("Connection");
  });
  if (connection.type !== "oauth2Code") throw new ApiError(400, "Only OAuth2 sign-in connections are connected this way", [{ path: "type", message: `This is a ${connection.type} connection` }]);
  return connection;
}
