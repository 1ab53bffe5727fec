import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { queryRows, readOptionalDate } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { newId } from "@/lib/ids";
import type { Role } from "./roles";

const KEY_PREFIX = "sbk_";
/** lastUsedAt is written at most this often per key, so busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type Row = { id: string; name: string; role: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function present(row: Row): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a key; the returned `key` is the only time it exists in clear (only its SHA-256 is stored). */
export async function createApiKey(input: { workspaceId: string; name: string; role: Role; createdBy: string }): Promise<ApiKeyView & { key: string }> {
  // 32 random bytes: a hash without salt or stretching is enough for a secret this long.
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db().apiKey.create({
    data: { id: newId("key"), workspaceId: input.workspaceId, name: input.name, role: input.role, keyHash: hashApiKey(key), prefix: key.slice(0, KEY_PREFIX.length + 6), createdBy: input.createdBy },
  });
  return { ...present(row), key };
}

export async function listApiKeys(workspaceId: string): Promise<ApiKeyView[]> {
  const rows = await db().apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" } });
  return rows.map(present);
}

/** Revokes a key of the workspace; false if there is none with that id. */
export async function revokeApiKey(workspaceId: string, id: string): Promise<ApiKeyView | null> {
  const { count } = await db().apiKey.updateMany({ where: { id, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await db().apiKey.findFirst({ where: { id, workspaceId } });
  return row && (count || row.revokedAt) ? present(row) : null;
}

/** The workspace and role a bearer key grants, or null for an unknown or revoked key. */
export async function lookupApiKey(key: string): Promise<{ id: string; name: string; workspaceId: string; role: Role; createdBy: string } | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  // Read at every API request: raw SQL, without Prisma's query pipeline (lib/db/direct-sql.ts).
  const [row] = await queryRows(Prisma.sql`SELECT "id", "name", "workspaceId", "role", "createdBy", "revokedAt", "lastUsedAt" FROM "ApiKey" WHERE "keyHash" = ${hashApiKey(key)}`);
  if (!row || readOptionalDate(row.revokedAt)) return null;
  const now = Date.now();
  const lastUsedAt = readOptionalDate(row.lastUsedAt);
  if (!lastUsedAt || now - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiKey.update({ where: { id: row.id as string }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: row.id as string, name: row.name as string, workspaceId: row.workspaceId as string, role: row.role as Role, createdBy: row.createdBy as string };
}
