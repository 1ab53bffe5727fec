import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { toJson } from "@/lib/json";

export const AUDIT_ACTIONS = [
  "sign-in",
  "member.invite",
  "member.join",
  "member.role",
  "member.remove",
  "workflow.create",
  "workflow.update",
  "workflow.publish",
  "workflow.restore",
  "workflow.delete",
  "workflow.activate",
  "workflow.deactivate",
  "connection.create",
  "api.import",
  "api.reimport",
  "api.update",
  "api.delete",
  "connection.update",
  "connection.connect",
  "connection.needs-reconnect",
  "connection.delete",
  "api-key.create",
  "api-key.revoke",
  "run.cancel",
  "run.replay",
  "run.rerun",
  "settings.update",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did something: a user (by e-mail) or an API key (by name), and from which address. */
export interface AuditActor {
  label: string;
  id: string | null;
  ip: string | null;
}

/** Records an action in the workspace's audit log. `details` must never hold secrets. */
export async function audit(workspaceId: string, actor: AuditActor, action: AuditAction, target: string | null, details?: Record<string, unknown>): Promise<void> {
  await db().auditEntry.create({
    data: { id: newId("aud"), workspaceId, actor: actor.label, actorId: actor.id, action, target, details: details ? (toJson(details) as object) : undefined, ip: actor.ip },
  });
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

/** The newest entries first, `before` an entry id for the next page. */
export async function listAudit(workspaceId: string, options: { before?: string; limit: number }): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const rows = await db().auditEntry.findMany({
    where: { workspaceId, ...(options.before ? { id: { lt: options.before } } : {}) },
    orderBy: { id: "desc" },
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  return {
    entries: page.map((row) => ({ id: row.id, at: row.at.toISOString(), actor: row.actor, action: row.action, target: row.target, details: (row.details ?? null) as Record<string, unknown> | null, ip: row.ip })),
    nextCursor: rows.length > options.limit ? page[page.length - 1].id : null,
  };
}
