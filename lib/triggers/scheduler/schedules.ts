import { isUniqueConflict } from "@/lib/db/unique-conflict";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { scheduleConfigSchema, type ScheduleConfig } from "@/lib/nodes/trigger-schedule";
import { dispatchInBackground, insertQueuedRun } from "@/lib/runs/dispatch";
import { nextFireAfter, previousFireAtOrBefore, type ScheduleSpec } from "../schedule-times";

interface ScheduleState {
  key: string;
  spec: ScheduleSpec;
  config: ScheduleConfig;
  next: Date | null;
}

/** At most this many fire times are caught up per workflow and tick (a long pause catches up over several ticks). */
const MAX_FIRES_PER_TICK = 100;

/**
 * Schedule triggers: every tick, each active schedule's due fire times start one run each.
 * Exactly once per fire time: the run is inserted together with a ScheduleFire row whose primary
 * key is (workflow, fire time), so when several processes (or a restarted one) race for the same
 * fire time, one insert wins and the others roll back. Fire times that passed while no process
 * ran (before this process started, and after the schedule's last fire) are "missed": `skip`
 * ignores them, `runOnce` starts one run for the latest.
 */
export class ScheduleRunner {
  private states = new Map<string, ScheduleState>();

  constructor(private readonly startedAt: Date) {}

  async tick(now = new Date()) {
    const rows = await db().workflowTrigger.findMany({
      where: { type: "trigger.schedule", workflow: { active: true } },
      select: { workflowId: true, version: true, config: true, activeSince: true, lastFireAt: true },
    });
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.workflowId);
      const parsed = scheduleConfigSchema.safeParse(row.config);
      if (!parsed.success) continue;
      const config = parsed.data;
      const key = `${row.version}:${row.activeSince.getTime()}`;
      let state = this.states.get(row.workflowId);
      if (!state || state.key !== key) {
        const spec: ScheduleSpec = { mode: config.mode, cron: config.cron, interval: config.interval, timezone: config.timezone };
        const cursor = new Date(Math.max(row.lastFireAt?.getTime() ?? 0, row.activeSince.getTime()));
        if (cursor < this.startedAt && config.missed === "runOnce") {
          const latestMissed = previousFireAtOrBefore(spec, this.startedAt, cursor);
          if (latestMissed) await fire(row.workflowId, latestMissed, config, true);
        }
        state = { key, spec, config, next: nextFireAfter(spec, new Date(Math.max(cursor.getTime(), this.startedAt.getTime()))) };
        this.states.set(row.workflowId, state);
      }
      for (let fired = 0; state.next && state.next <= now && fired < MAX_FIRES_PER_TICK; fired++) {
        if (!(await fire(row.workflowId, state.next, state.config, false))) break; // retried next tick
        state.next = nextFireAfter(state.spec, state.next);
      }
    }
    for (const id of this.states.keys()) if (!seen.has(id)) this.states.delete(id);
  }

  /** The next fire time this process will act on, per workflow (for diagnostics). */
  nextFires(): Record<string, string | null> {
    return Object.fromEntries([...this.states].map(([id, s]) => [id, s.next?.toISOString() ?? null]));
  }
}

/** Returns false when the fire time should be tried again (e.g. the database was unreachable). */
async function fire(workflowId: string, fireAt: Date, config: ScheduleConfig, missed: boolean): Promise<boolean> {
  const runId = newId("run");
  try {
    const queued = await db().$transaction(async (tx) => {
      // Checked inside the transaction: a workflow switched off a moment ago starts nothing.
      const workflow = await tx.workflow.findUnique({ where: { id: workflowId }, select: { active: true, version: true, workspaceId: true } });
      if (!workflow?.active) return null;
      await tx.scheduleFire.create({ data: { workflowId, fireAt, runId } });
      const trigger = { scheduledAt: fireAt.toISOString(), firedAt: new Date().toISOString(), timezone: config.mode === "cron" ? config.timezone : "UTC", missed };
      const run = await insertQueuedRun(tx, { runId, workspaceId: workflow.workspaceId, workflowId, workflowVersion: workflow.version, triggerKind: "schedule", trigger });
      await tx.workflowTrigger.updateMany({
        where: { workflowId, OR: [{ lastFireAt: null }, { lastFireAt: { lt: fireAt } }] },
        data: { lastFireAt: fireAt, lastTriggeredAt: new Date() },
      });
      return run;
    });
    if (queued) dispatchInBackground([queued]);
    return true;
  } catch (error) {
    // Another process (or an earlier life of this one) already started this fire time's run.
    if (isUniqueConflict(error)) return true;
    console.error(`[scheduler] firing ${workflowId} at ${fireAt.toISOString()} failed`, error);
    return false;
  }
}

/** Fire-time rows only matter while a process could still race for them. */
export async function pruneScheduleFires(olderThanMs = 24 * 3_600_000) {
  await db().scheduleFire.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - olderThanMs) } } });
}
