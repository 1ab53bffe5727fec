import { z } from "zod";
import { ApiError, invalid, notFound } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/secrets/crypto";
import { isMaskedSecret, MASKED_SECRET_PREFIX } from "@/lib/document/secret-fields";
import { breakerStates, type BreakerState } from "@/lib/outbound/breaker";
import { rateLimitRows } from "@/lib/outbound/rate-limit";
import { CONNECTION_TYPES, connectionSchemas, secretFieldKeys, type AuthorizationView, type BreakerView, type ConnectionType, type ConnectionView } from "./types";

/** A connection as the server uses it: config and decrypted secrets. Never sent to clients. */
export interface LoadedConnection {
  id: string;
  name: string;
  type: ConnectionType;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  updatedAt: Date;
}

const inputSchema = z
  .object({
    name: z.string().trim().max(120).default(""),
    type: z.enum(CONNECTION_TYPES, { error: `Choose a type: ${CONNECTION_TYPES.join(", ")}` }),
    config: z.record(z.string(), z.unknown()).default({}),
    secrets: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["connection"]["findUnique"]>>>;

function decrypt(row: Pick<Row, "secrets">): Record<string, string> {
  return JSON.parse(decryptSecret(row.secrets)) as Record<string, string>;
}

export function circuitKeyOf(connectionId: string): string {
  return `conn:${connectionId}`;
}

const CLOSED: BreakerView = { state: "closed", failures: 0, openUntil: null, lastError: null };

function present(row: Row, breaker?: BreakerState): ConnectionView {
  let secrets: Record<string, string>;
  try {
    secrets = Object.fromEntries(Object.entries(decrypt(row)).map(([key, value]) => [key, `${MASKED_SECRET_PREFIX}${maskSecret(value)}`]));
  } catch {
    secrets = Object.fromEntries(secretFieldKeys(row.type as ConnectionType).map((key) => [key, `${MASKED_SECRET_PREFIX}••••`]));
  }
  return {
    id: row.id,
    name: row.name,
    type: row.type as ConnectionType,
    config: row.config as Record<string, unknown>,
    secrets,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastTest: row.lastTestedAt ? { at: row.lastTestedAt.toISOString(), ok: !!row.lastTestOk, message: row.lastTestMessage } : null,
    breaker: breaker ? { state: breaker.state, failures: breaker.failures, openUntil: breaker.openUntil, lastError: breaker.lastError } : CLOSED,
    ...(row.type === "oauth2Code" ? { authorization: authorizationOf(row) } : {}),
  };
}

function authorizationOf(row: Row): AuthorizationView {
  const state = row.authState === "connected" || row.authState === "needs_reconnect" ? row.authState : "not_connected";
  return { state, expiresAt: state === "connected" ? (row.oauthExpiresAt?.toISOString() ?? null) : null, message: state === "needs_reconnect" ? row.authMessage : null };
}

/** Fields that name the app and client a sign-in was for: changing one means signing in again. */
const SIGN_IN_FIELDS = ["authorizeUrl", "tokenUrl", "clientId"];

export async function listConnections(workspaceId: string): Promise<ConnectionView[]> {
  const [rows, states] = await Promise.all([db().connection.findMany({ where: { workspaceId }, orderBy: { name: "asc" } }), breakerStates()]);
  const byKey = new Map(states.map((s) => [s.key, s]));
  return rows.map((row) => present(row, byKey.get(circuitKeyOf(row.id))));
}

export async function getConnectionView(workspaceId: string, id: string): Promise<ConnectionView> {
  const row = await db().connection.findFirst({ where: { id, workspaceId } });
  if (!row) throw notFound("Connection");
  const state = (await breakerStates()).find((s) => s.key === circuitKeyOf(id));
  return present(row, state);
}

/** Validates a create/replace body; `stored` secrets are kept where the client sent their mask back (or left them out). */
function validate(body: unknown, stored?: { type: ConnectionType; secrets: Record<string, string> }) {
  const parsed = inputSchema.safeParse(body);
  if (!parsed.success) throw invalid(parsed.error, "Invalid connection");
  const { name, type, config } = parsed.data;
  const schemas = connectionSchemas(type);
  const configResult = schemas.config.safeParse(config);
  const issues: { path: string; message: string }[] = [];
  if (!name) issues.push({ path: "name", message: "Name the connection" });
  if (!configResult.success) issues.push(...configResult.error.issues.map((i) => ({ path: ["config", ...i.path].join("."), message: i.message })));

  const secrets: Record<string, unknown> = {};
  const keep = stored?.type === type ? stored.secrets : {};
  for (const key of secretFieldKeys(type)) {
    const value = parsed.data.secrets[key];
    if (value === undefined || isMaskedSecret(value)) {
      if (keep[key] !== undefined) secrets[key] = keep[key];
      else if (isMaskedSecret(value)) issues.push({ path: `secrets.${key}`, message: "Enter the secret again" });
    } else if (value !== "" && value !== null) secrets[key] = value;
  }
  for (const key of Object.keys(parsed.data.secrets)) {
    if (!secretFieldKeys(type).includes(key)) issues.push({ path: `secrets.${key}`, message: `${type} connections have no secret "${key}"` });
  }
  const secretsResult = schemas.secrets.safeParse(secrets);
  if (!secretsResult.success) {
    for (const issue of secretsResult.error.issues) {
      const path = ["secrets", ...issue.path].join(".");
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: issue.message });
    }
  }
  if (issues.length) throw new ApiError(400, "Invalid connection", issues);
  return { name, type, config: configResult.data!, secrets: secretsResult.data! };
}

export async function createConnection(workspaceId: string, body: unknown): Promise<ConnectionView> {
  const input = validate(body);
  const row = await db().connection.create({
    data: { id: newId("conn"), workspaceId, name: input.name, type: input.type, config: input.config as object, secrets: encryptSecret(JSON.stringify(input.secrets)) },
  });
  return present(row);
}

export async function replaceConnection(workspaceId: string, id: string, body: unknown): Promise<ConnectionView> {
  const existing = await db().connection.findFirst({ where: { id, workspaceId } });
  if (!existing) throw notFound("Connection");
  const input = validate(body, { type: existing.type as ConnectionType, secrets: decrypt(existing) });
  const previous = existing.config as Record<string, unknown>;
  const signedOut = input.type !== "oauth2Code" || SIGN_IN_FIELDS.some((key) => previous[key] !== input.config[key]);
  const row = await db().connection.update({
    where: { id },
    data: {
      name: input.name,
      type: input.type,
      config: input.config as object,
      secrets: encryptSecret(JSON.stringify(input.secrets)),
      lastTestedAt: null,
      lastTestOk: null,
      lastTestMessage: null,
      ...(signedOut ? { oauthTokens: null, oauthExpiresAt: null, authState: null, authMessage: null } : {}),
    },
  });
  forget(id);
  return getConnectionView(workspaceId, row.id);
}

export async function deleteConnection(workspaceId: string, id: string): Promise<void> {
  const { count } = await db().connection.deleteMany({ where: { id, workspaceId } });
  if (!count) throw notFound("Connection");
  forget(id);
  await db().circuitState.deleteMany({ where: { key: circuitKeyOf(id) } });
  await db().rateLimitBucket.deleteMany({ where: { key: { in: rateLimitRows(circuitKeyOf(id)) } } });
}

export async function recordTestResult(id: string, ok: boolean, message: string): Promise<void> {
  await db().connection.updateMany({ where: { id }, data: { lastTestedAt: new Date(), lastTestOk: ok, lastTestMessage: message.slice(0, 500) } });
}

// ---- for execution ----------------------------------------------------------------------------

const loaded = new Map<string, { connection: LoadedConnection; at: number }>();
const LOAD_CACHE_MS = 1000;

function forget(id: string) {
  for (const key of loaded.keys()) if (key.endsWith(`/${id}`)) loaded.delete(key);
}

/** The connection with its secrets decrypted; cached for a second. Throws a clear error for unknown ids. */
export async function loadConnection(workspaceId: string, id: string): Promise<LoadedConnection> {
  const cacheKey = `${workspaceId}/${id}`;
  const hit = loaded.get(cacheKey);
  if (hit && Date.now() - hit.at < LOAD_CACHE_MS) return hit.connection;
  const row = await db().connection.findFirst({ where: { id, workspaceId } });
  if (!row) throw new ConnectionMissingError(id);
  const connection: LoadedConnection = { id: row.id, name: row.name, type: row.type as ConnectionType, config: row.config as Record<string, unknown>, secrets: decrypt(row), updatedAt: row.updatedAt };
  loaded.set(cacheKey, { connection, at: Date.now() });
  return connection;
}

export class ConnectionMissingError extends Error {
  constructor(id: string) {
    super(`Connection ${id} does not exist (it may have been deleted); choose another one in the node's settings`);
    this.name = "ConnectionMissingError";
  }
}

/** Every connection row with its encrypted blob (for key rotation). */
export async function rotateConnectionSecrets(reencrypt: (blob: string) => string | null): Promise<number> {
  let changed = 0;
  for (const row of await db().connection.findMany({ select: { id: true, secrets: true, oauthTokens: true } })) {
    const next = reencrypt(row.secrets);
    const tokens = row.oauthTokens ? reencrypt(row.oauthTokens) : null;
    if (next || tokens) {
      await db().connection.update({ where: { id: row.id }, data: { ...(next ? { secrets: next } : {}), ...(tokens ? { oauthTokens: tokens } : {}) } });
      changed++;
    }
  }
  return changed;
}
