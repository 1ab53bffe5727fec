import { inngest } from "@/inngest/client";
import { RUN_SLOT_RELEASED } from "@/inngest/events";
import { db, dbKind } from "@/lib/db/client";
import { queryRows, readDate } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { countRunStatus } from "./history";

export type StartState = { state: "running"; startedAt: string; deadline: string | null } | { state: "queued" } | { state: "ended" };

/**
 * Moves a queued run to running, unless its workflow is at its concurrency limit: then the run
 * stays queued (oldest first) until a running one ends. Idempotent: a run already running
 * answers with its original start.
 */
export async function startRunIfSlotFree(runId: string, limit: number | undefined, timeoutMs: number | undefined): Promise<StartState> {
  const state = await claimSlot(runId, limit, timeoutMs);
  if (state.state === "running" && state.startedNow) await countRunStatus(runId, "running", state.workflowId);
  return state.state === "running" ? { state: "running", startedAt: state.startedAt, deadline: state.deadline } : state;
}

type ClaimState = { state: "running"; startedAt: string; deadline: string | null; startedNow?: boolean; workflowId?: string } | { state: "queued" } | { state: "ended" };

async function claimSlot(runId: string, limit: number | undefined, timeoutMs: number | undefined): Promise<ClaimState> {
  if (!limit) {
    // No limit to check: a queued run starts with one conditional update.
    const startedAt = new Date();
    const [started] = await queryRows(Prisma.sql`UPDATE "Run" SET "status" = 'running', "startedAt" = ${startedAt} WHERE "id" = ${runId} AND "status" = 'queued' RETURNING "workflowId"`);
    if (started) return { ...running(startedAt, timeoutMs), startedNow: true, workflowId: started.workflowId as string };
    // Already started: every entry of a run's function after its first asks again.
    const [run] = await queryRows(Prisma.sql`SELECT "status", "startedAt" FROM "Run" WHERE "id" = ${runId}`);
    return run?.status === "running" && run.startedAt ? running(readDate(run.startedAt), timeoutMs) : { state: "ended" };
  }
  return db().$transaction(async (tx): Promise<ClaimState> => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { workflowId: true, status: true, startedAt: true } });
    if (!run) return { state: "ended" };
    if (run.status === "running" && run.startedAt) return running(run.startedAt, timeoutMs);
    if (run.status !== "queued") return { state: "ended" };
    // Serialise slot claims of one workflow (SQLite transactions are serial already).
    if (dbKind() === "postgresql") await tx.$queryRawUnsafe(`SELECT "id" FROM "Workflow" WHERE "id" = $1 FOR UPDATE`, run.workflowId);
    // Loop chunks run in their parent's slot.
    const busy = await tx.run.count({ where: { workflowId: run.workflowId, status: "running", triggerKind: { not: "loop" } } });
    const ahead = await tx.run.count({ where: { workflowId: run.workflowId, status: "queued", triggerKind: { not: "loop" }, id: { lt: runId } } });
    if (busy + ahead >= limit) return { state: "queued" };
    const startedAt = new Date();
    await tx.run.update({ where: { id: runId }, data: { status: "running", startedAt } });
    return { ...running(startedAt, timeoutMs), startedNow: true, workflowId: run.workflowId };
  });
}

function running(startedAt: Date, timeoutMs: number | undefined): { state: "running"; startedAt: string; deadline: string | null } {
  return { state: "running", startedAt: startedAt.toISOString(), deadline: timeoutMs ? new Date(startedAt.getTime() + timeoutMs).toISOString() : null };
}

/** Tells queued runs of a workflow with a concurrency limit that a slot is free. */
export async function releaseSlot(workflowId: string, limit: number | undefined): Promise<void> {
  if (limit) await inngest.send({ name: RUN_SLOT_RELEASED, data: { workflowId } });
}
