import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { db, dbKind } from "@/lib/db/client";
import { queryRows, readBoolean, readDate, readNumber, readOptionalDate } from "@/lib/db/direct-sql";
import { Prisma, type EngineJob } from "@/lib/generated/prisma-sqlite/client";
import { executeJob, ours } from "./executor";
import { onWake } from "./wake";

/** A claimed job stays ours this long; the heartbeat extends it while the job runs. */
const LEASE_MS = 30_000;
const HEARTBEAT_MS = 10_000;

/**
 * A worker's lease tokens (a job's `lockedBy`) are its id and the number of the claim: the
 * executor deletes, postpones or releases a job after its call only under the token it was claimed
 * with, so a call that ends after its lease was given up (released when the process stopped, or
 * run out while the heartbeat stalled) leaves the job to its next claim (lib/engine/executor.ts).
 */
const leasesOf = (workerId: string) => ({ startsWith: `${workerId}:` });

/** Longest idle wait between looks at the job table (timers of other processes on PostgreSQL). */
const MAX_IDLE_MS = 250;

/**
 * Other work of the process the engine gives way to (the runtime passes webhook intake's,
 * lib/server/intake-pressure.ts): while `active`, one job at a time, each followed by a rest
 * that keeps execution within `share` (0–1) of the time.
 */
export interface YieldPolicy {
  active(now: number): boolean;
  share(now: number): number;
}

const NEVER_YIELD: YieldPolicy = { active: () => false, share: () => 1 };

export interface WorkerOptions {
  /** Jobs executed at once. */
  concurrency?: number;
  onError?: (error: unknown, job?: EngineJob) => void;
  yieldTo?: YieldPolicy;
}

/**
 * Claims due jobs from the database and executes them. Claims are leases (lockedUntil), so jobs
 * of a process that died are taken over once its lease runs out, or at once when that process
 * ran on this host (its pid is gone), as after a crash and restart.
 */
export class EngineWorker {
  readonly id = randomUUID();
  private readonly concurrency: number;
  private readonly onError: (error: unknown, job?: EngineJob) => void;
  private readonly yieldTo: YieldPolicy;
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  /** A wake-up that arrived while the loop was busy; the next idle returns at once. */
  private wokenWhileBusy = false;
  private loopDone: Promise<void> | null = null;
  /** While the engine yields to webhook intake, no job is claimed before this time (performance.now()). */
  private restUntil = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private claims = 0;

  constructor(options: WorkerOptions = {}) {
    this.concurrency = options.concurrency ?? 32;
    this.onError = options.onError ?? ((error) => console.error("[engine]", error));
    this.yieldTo = options.yieldTo ?? NEVER_YIELD;
  }

  async start(): Promise<void> {
    await db().engineWorker.create({ data: { id: this.id, host: hostname(), pid: process.pid, heartbeatAt: new Date() } });
    await releaseDeadWorkers(this.id);
    this.unsubscribe = onWake(() => this.wake());
    this.heartbeat = setInterval(() => void this.extendLeases(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.loopDone = this.loop();
  }

  /**
   * Stops claiming jobs, lets the jobs in flight finish for up to `graceMs` (their leases kept
   * fresh meanwhile), then releases the leases of those still running so that the next process
   * takes them over at once instead of after the lease runs out; not before `releaseAfter` settles
   * (other workers of this server that could take them, still stopping). Resolves to how many were released.
   */
  async stop(graceMs = 0, releaseAfter?: Promise<unknown>): Promise<{ released: number }> {
    this.stopped = true;
    this.wake();
    this.unsubscribe?.();
    await this.loopDone;
    if (this.inFlight.size && graceMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(this.inFlight.values()), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    await releaseAfter;
    if (this.heartbeat) clearInterval(this.heartbeat);
    const left = [...this.inFlight.keys()];
    const { count } = left.length ? await db().engineJob.updateMany({ where: { id: { in: left }, lockedBy: leasesOf(this.id) }, data: { lockedUntil: null, lockedBy: null } }) : { count: 0 };
    await db().engineWorker.deleteMany({ where: { id: this.id } });
    return { released: count };
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let claimed = 0;
      try {
        const yielding = this.yieldTo.active(performance.now());
        const free = (yielding ? 1 : this.concurrency) - this.inFlight.size;
        if (yielding && performance.now() < this.restUntil) {
          await this.idle(this.restUntil - performance.now());
          continue;
        }
        if (free > 0) {
          const jobs = await this.claim(free);
          claimed = jobs.length;
          for (const job of jobs) this.run(job);
        }
      } catch (error) {
        this.onError(error);
      }
      if (!claimed || this.inFlight.size >= this.concurrency) await this.idle();
    }
  }

  private run(job: EngineJob) {
    const started = performance.now();
    const running = executeJob(job)
      .catch(async (error) => {
        this.onError(error, job);
        // Leave the job for a later attempt rather than losing it.
        await db()
          .engineJob.updateMany({ where: ours(job), data: { lockedUntil: null, lockedBy: null, runAt: new Date(Date.now() + 1000) } })
          .catch(() => {});
      })
      .finally(() => {
        const now = performance.now();
        const share = this.yieldTo.share(now);
        if (share < 1) this.restUntil = Math.max(this.restUntil, now + (now - started) * (1 / share - 1));
        this.inFlight.delete(job.id);
        this.wake();
      });
    this.inFlight.set(job.id, running);
  }

  private wake() {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
  }

  private idle(maxMs = MAX_IDLE_MS): Promise<void> {
    if (this.wokenWhileBusy) {
      this.wokenWhileBusy = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, Math.min(maxMs, MAX_IDLE_MS));
      this.wakeUp = done;
    });
  }

  /**
   * Claims up to `limit` due jobs, oldest first, in one statement: the jobs are chosen and leased
   * atomically, so workers of other processes never pick the same ones (on PostgreSQL they skip
   * rows another claim has locked).
   */
  private async claim(limit: number): Promise<EngineJob[]> {
    const now = new Date();
    const lockedUntil = new Date(now.getTime() + LEASE_MS);
    const ours = [...this.inFlight.keys()];
    const notOurs = ours.length ? Prisma.sql`AND "id" NOT IN (${Prisma.join(ours)})` : Prisma.empty;
    const skipLocked = dbKind() === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
    const lease = `${this.id}:${++this.claims}`;
    const rows = await queryRows(Prisma.sql`UPDATE "EngineJob" SET "lockedUntil" = ${lockedUntil}, "lockedBy" = ${lease}, "rerun" = ${false}
      WHERE "id" IN (SELECT "id" FROM "EngineJob" WHERE "runAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}) ${notOurs}
        ORDER BY "runAt" LIMIT ${limit} ${skipLocked})
      RETURNING *`);
    return rows.map(engineJobOf).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  }

  private async extendLeases() {
    try {
      await db().engineWorker.updateMany({ where: { id: this.id }, data: { heartbeatAt: new Date() } });
      if (!this.inFlight.size) return;
      await db().engineJob.updateMany({
        where: { id: { in: [...this.inFlight.keys()] }, lockedBy: leasesOf(this.id) },
        data: { lockedUntil: new Date(Date.now() + LEASE_MS) },
      });
    } catch (error) {
      this.onError(error);
    }
  }
}

/** Frees the jobs of engine processes on this host that no longer exist, and forgets long-silent workers. */
async function releaseDeadWorkers(selfId: string) {
  const host = hostname();
  const workers = await db().engineWorker.findMany({ where: { id: { not: selfId } } });
  const stale = Date.now() - 24 * 60 * 60 * 1000;
  for (const worker of workers) {
    const dead = worker.host === host ? !processExists(worker.pid) : worker.heartbeatAt.getTime() < stale;
    if (!dead) continue;
    await db().engineJob.updateMany({ where: { lockedBy: leasesOf(worker.id) }, data: { lockedUntil: null, lockedBy: null } });
    await db().engineWorker.deleteMany({ where: { id: worker.id } });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function engineJobOf(row: Record<string, unknown>): EngineJob {
  return {
    id: row.id as string,
    runId: row.runId as string,
    kind: row.kind as string,
    stepId: row.stepId as string,
    attempt: readNumber(row.attempt),
    appErrors: readNumber(row.appErrors),
    runAt: readDate(row.runAt),
    lockedUntil: readOptionalDate(row.lockedUntil),
    lockedBy: (row.lockedBy as string | null) ?? null,
    rerun: readBoolean(row.rerun),
    createdAt: readDate(row.createdAt),
  };
}
