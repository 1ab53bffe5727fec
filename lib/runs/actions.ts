import { ulid } from "ulid";
import type { Access } from "@/lib/auth/access";
import { db, type Tx } from "@/lib/db/client";
import { toJson } from "@/lib/json";

export const RUN_ACTIONS = ["cancel", "rerun", "replay", "bulk-replay"] as const;
export type RunActionKind = (typeof RUN_ACTIONS)[number];

/** Who asked for an action on a run, and from where. */
export interface Actor {
  /** The user's e-mail, `api-key:<name>`, or "system". */
  name: string;
  ip: string | null;
  userAgent: string | null;
}

/** The actor of an authenticated API request. */
export function requestActor(request: Request, access: Access): Actor {
  return { name: access.actor.label, ip: access.actor.ip, userAgent: request.headers.get("user-agent")?.slice(0, 300) || null };
}

export function newActionId(): string {
  return `act_${ulid().toLowerCase()}`;
}

/** Records an action on a run (shown on the run's page). */
export async function recordRunAction(
  runId: string,
  action: RunActionKind,
  actor: Actor,
  details: Record<string, unknown> = {},
  tx: Tx | ReturnType<typeof db> = db(),
): Promise<string> {
  const id = newActionId();
  await tx.runAction.create({
    data: { id, runId, action, actor: actor.name, details: toJson({ ...details, client: { ip: actor.ip, userAgent: actor.userAgent } }) as object },
  });
  return id;
}

/** What an action recorded besides who and when; which keys depend on the action. */
export interface RunActionDetails {
  newRunId?: string;
  fromNode?: string;
  batchId?: string;
  mode?: "replay" | "rerun";
  client?: { ip: string | null; userAgent: string | null };
  [key: string]: unknown;
}

export interface RunActionView {
  id: string;
  action: RunActionKind;
  actor: string;
  at: string;
  details: RunActionDetails;
}

export async function listRunActions(runId: string): Promise<RunActionView[]> {
  const rows = await db().runAction.findMany({ where: { runId }, orderBy: { at: "asc" } });
  return rows.map((row) => ({ id: row.id, action: row.action as RunActionKind, actor: row.actor, at: row.at.toISOString(), details: (row.details ?? {}) as RunActionDetails }));
}
