import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { isUniqueConflict } from "@/lib/db/unique-conflict";
import { db } from "@/lib/db/client";
import type { KeyValueStore } from "@/lib/nodes/types";

/** Namespaces Switchboard keeps its own state in (e.g. webhook test events); action.store may not touch them. */
export const RESERVED_NAMESPACE_PREFIX = "__switchboard:";

function checkNamespace(namespace: string) {
  if (namespace.startsWith(RESERVED_NAMESPACE_PREFIX)) throw new Error(`Namespaces starting with "${RESERVED_NAMESPACE_PREFIX}" are reserved for Switchboard`);
}

/**
 * The workspace key-value store behind action.store (cursors, dedup markers, counters): one row
 * per (workspace, namespace, key) with a JSON value. Increments are compare-and-set on a version
 * column, so concurrent runs never lose an update on SQLite or PostgreSQL.
 */
export const keyValueStore = (workspaceId: string): KeyValueStore => ({
  async get(namespace, key) {
    checkNamespace(namespace);
    const row = await db().keyValueEntry.findUnique({ where: { workspaceId_namespace_key: { workspaceId, namespace, key } } });
    return row ? { found: true, value: row.value, updatedAt: row.updatedAt.toISOString() } : { found: false, value: null, updatedAt: null };
  },

  async set(namespace, key, value) {
    checkNamespace(namespace);
    const json = JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
    await db().keyValueEntry.upsert({
      where: { workspaceId_namespace_key: { workspaceId, namespace, key } },
      create: { workspaceId, namespace, key, value: json },
      update: { value: json, version: { increment: 1 } },
    });
    return { value: json };
  },

  async increment(namespace, key, by) {
    checkNamespace(namespace);
    for (let tries = 0; tries < 50; tries++) {
      const row = await db().keyValueEntry.findUnique({ where: { workspaceId_namespace_key: { workspaceId, namespace, key } } });
      if (!row) {
        try {
          await db().keyValueEntry.create({ data: { workspaceId, namespace, key, value: by } });
          return { value: by };
        } catch (error) {
          if (isUniqueConflict(error)) continue;
          throw error;
        }
      }
      const current = row.value;
      if (current !== null && typeof current !== "number") throw new Error(`"${namespace}/${key}" holds ${Array.isArray(current) ? "a list" : typeof current}, not a number`);
      const value = (current ?? 0) + by;
      const { count } = await db().keyValueEntry.updateMany({ where: { workspaceId, namespace, key, version: row.version }, data: { value, version: row.version + 1 } });
      if (count) return { value };
    }
    throw new Error(`Too many concurrent updates of "${namespace}/${key}"`);
  },

  async delete(namespace, key) {
    checkNamespace(namespace);
    const { count } = await db().keyValueEntry.deleteMany({ where: { workspaceId, namespace, key } });
    return { deleted: count > 0 };
  },
});
