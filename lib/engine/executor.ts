import canonicalize from "canonicalize";
import type { NextRequest } from "next/server";
import { db, type Tx } from "@/lib/db/client";
import { collectDeferredWrites, deferWrites } from "@/lib/db/deferred-writes";
import type { EngineJob } from "@/lib/generated/prisma-sqlite/client";
import { embeddedSigningKey } from "./keys";
import { localAppOrigin } from "./mode";
import { signBody } from "./signature";
import { acceptEvent } from "./events";
import { checkCondition } from "./condition";
import { checkStepResults, INNGEST_LIMITS, jsonBytes, stepLimitError, type LimitError, type RunUsage } from "./limits";
import { checkpointSteps, endRun, FAILED_EVENT, loadJobRun, memoize, registeredFunctions, runCompletionWrites, runUsage, scheduleDiscovery, scheduleJob } from "./store";
import { resolveInngestTime, retryAt, sleepEnd } from "./time";
import { maxAttemptsOf, type InngestEvent, type OutgoingOp, type StepState } from "./types";
import { wakeWorker } from "./wake";
import { trackInlineJob } from "./inline-usage";

/** Longest the engine waits for a call to the app: a call still running then is left running and the job tried again (not counted as a failure: a node may run for hours). */
const REQUEST_TIMEOUT_MS = 10 * 60 * 1000;
/** How long to wait before calling again when the app has not synced the run's function yet. */
const UNREACHABLE_RETRY_MS = 500;
/**
 * 401/404 from /api/inngest (signature or routing trouble, as while the app restarts or after a
 * signing-key change) are retried with backoff from 500 ms up to 30 s, and after this many in a row
 * the run fails naming the answer: about four minutes, long enough for a restart or deploy.
 */
export const APP_REFUSAL_LIMIT = 12;

/** The wait after the n-th refusal in a row: doubling from SWITCHBOARD_ENGINE_REFUSAL_RETRY_MS (500 ms; tests shorten it), capped at 60 times that. */
function refusalDelayMs(refusals: number): number {
  const first = Number(process.env.SWITCHBOARD_ENGINE_REFUSAL_RETRY_MS) || UNREACHABLE_RETRY_MS;
  return Math.min(first * 2 ** (refusals - 1), first * 60);
}

/**
 * Executes one due job: a discovery or step request to the app's Inngest handler (/api/inngest's,
 * called in-process, see callApp) in the SDK's HTTP protocol, or a timer (sleep, wait timeout) that resolves a step. Returns once the job's
 * outcome is committed.
 */
export async function executeJob(job: EngineJob): Promise<void> {
  const loaded = await loadJobRun(job);
  if (!loaded || loaded.run.status !== "running") return dropJob(job);
  const { run, steps } = loaded;

  if (job.kind === "sleep" || job.kind === "wait") {
    await db().$transaction(async (tx) => {
      if (job.kind === "wait") {
        const { count } = await tx.engineWait.deleteMany({ where: { runId: job.runId, stepId: job.stepId } });
        if (!count) {
          // The event arrived first, or an earlier claim of this job resolved it after its lease ran out.
          await tx.engineJob.deleteMany({ where: ours(job) });
          return;
        }
      }
      await memoize(tx, job.runId, job.stepId, { data: null });
      await scheduleDiscovery(tx, job.runId);
      await tx.engineJob.deleteMany({ where: ours(job) });
    });
    wakeWorker();
    return;
  }

  // Function configs change only on app sync, which clears this cache (registerApp).
  const find = async (fresh: boolean) => (await registeredFunctions(db(), { fresh })).find((f) => f.id === run.functionId);
  const fn = (await find(false)) ?? (await find(true));
  if (!fn) return retryJobLater(job, UNREACHABLE_RETRY_MS); // not synced yet
  const config = fn.config;
  const maxAttempts = maxAttemptsOf(config);

  // Results are checked as they are stored; this catches the steps the engine completes itself (sleeps, waits).
  if (steps.length > INNGEST_LIMITS.stepsPerRun) return failRunOf(job, stepLimitError());
  const discovering = job.kind === "discover";
  // Running a step inline is only safe while no planned step of this run runs elsewhere.
  // Once a run has planned parallel steps it stays in planned mode, as on Inngest.
  const immediate = discovering && !run.planned && !loaded.otherStepJobs;
  const body = {
    event: run.event,
    events: [run.event],
    steps: Object.fromEntries(steps.map((s) => [s.stepId, s.state])),
    ctx: {
      run_id: run.id,
      ...(immediate ? { fn_id: fn.id, qi_id: job.id } : {}),
      attempt: job.attempt,
      max_attempts: maxAttempts,
      disable_immediate_execution: !immediate,
      use_api: false,
      stack: { stack: steps.map((s) => s.stepId), current: steps.length },
    },
    version: 2,
  };

  // Each engine process calls its own app server: with several processes on one database, the
  // URL last registered may belong to a process that is gone.
  const url = new URL(`${localAppOrigin()}/api/inngest`);
  url.searchParams.set("fnId", fn.id);
  url.searchParams.set("stepId", discovering ? "step" : job.stepId);
  // The SDK verifies the signature over the canonical JSON of the body, so send exactly that.
  const payload = canonicalize(body)!;
  let answer: AppAnswer;
  // The SDK's checkpoints during an inline job are checked against the run's limits from a tally.
  const untrack = immediate ? trackInlineJob(run.id, steps.map((s) => s.stepId)) : undefined;
  try {
    answer = await callApp(
      run.id,
      new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-signature": signBody(payload, embeddedSigningKey()) },
        body: payload,
      }),
    );
  } catch (error) {
    return error instanceof CallTimedOut ? retryJobLater(job, UNREACHABLE_RETRY_MS) : callFailed(job, error);
  } finally {
    untrack?.();
  }

  const { status, headers, text, body: answered } = answer;
  if (answer.completed) {
    wakeWorker();
  } else if (status === 206) {
    await applyOps(job, answered as OutgoingOp[], headers, maxAttempts);
  } else if (status === 401 || status === 404) {
    await appRefused(job, fn.id, status, text);
  } else {
    const error = answered;
    const retriable = headers.get("x-inngest-no-retry") !== "true";
    if (retriable && job.attempt + 1 < maxAttempts) {
      const at = retryAt(headers.get("retry-after")) ?? new Date(Date.now() + defaultBackoffMs(job.attempt));
      await db().engineJob.updateMany({ where: ours(job), data: { attempt: job.attempt + 1, appErrors: 0, runAt: at, lockedUntil: null, lockedBy: null } });
    } else {
      await failRunOf(job, error);
    }
  }
}

/** The app's answer to a call (its body as text and parsed); `completed` when it ended the run as completed, which the call has then stored. */
interface AppAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
  completed: boolean;
}

class CallTimedOut extends Error {}

/**
 * The run's output when the app's answer ends it as completed: the function returned (200), or it
 * ran its steps inline and hands over only its return value (206 with a lone RunComplete).
 */
function completionOf(status: number, body: unknown): { output: unknown } | null {
  if (status === 200) return { output: body };
  if (status !== 206) return null;
  const ops = body as OutgoingOp[];
  return Array.isArray(ops) && ops.length === 1 && ops[0].op === "RunComplete" ? { output: ops[0].data } : null;
}

/**
 * The app's Inngest serve handler, loaded when the worker starts rather than at its first job: its
 * client reads the signing key as it loads, so a process verifies with the key of its start, as the
 * route does, and a key changed later is refused on every process alike. (A dynamic import: the
 * handler's module imports the Inngest client, which imports this engine.)
 */
export async function loadAppHandler() {
  return (await import("@/inngest/handler")).inngestHandler;
}

/**
 * Hands a request to the app's Inngest serve handler (inngest/handler.ts, the one /api/inngest
 * serves) as a function call: the engine runs in the process that serves the app, so the same
 * signed request needs no socket, HTTP parsing or Next.js routing. The SDK sees exactly what it
 * would over HTTP (URL, headers, canonical body, signature it verifies) and answers the same
 * Response. A handler that throws is answered as the route would be (500, retried); one that
 * takes longer than REQUEST_TIMEOUT_MS is left running and the job retried, as a timed-out fetch was.
 * An answer that completes the run is stored before the call ends, with the writes it left.
 */
async function callApp(runId: string, request: Request): Promise<AppAnswer> {
  const inngestHandler = await loadAppHandler();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new CallTimedOut("The app did not answer in time"));
    }, REQUEST_TIMEOUT_MS);
  });
  try {
    // Writes the steps leave for their checkpoints (lib/db/deferred-writes.ts); the rest are written before the answer is used.
    // A handler that throws is answered as the route would; writes that fail when the call ends throw (the job is released and tried again).
    const answer = collectDeferredWrites(
      async (): Promise<AppAnswer> => {
        const response = await inngestHandler.POST(request as NextRequest, undefined).catch(
          (error: unknown) => new Response(JSON.stringify({ name: (error as Error)?.name ?? "Error", message: (error as Error)?.message ?? String(error) }), { status: 500 }),
        );
        const text = await response.text();
        const body = parse(text);
        const completion = completionOf(response.status, body);
        // The run's end goes with what the call left (its last steps' held results): one commit.
        if (completion) deferWrites(runCompletionWrites(runId, completion.output));
        return { status: response.status, headers: response.headers, text, body, completed: completion !== null };
      },
      () => checkpointSteps(runId, []),
    );
    // The job was retried when the call timed out; a call that ends later and then fails has nobody else to tell.
    answer.catch((error: unknown) => timedOut && console.error(`[engine] a timed-out call for run ${runId} failed when it ended`, error));
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A call that ended without an answer: what it left could not be written when it ended (a database
 * error). Tried again as a refusal is, logged with the cause.
 */
function callFailed(job: EngineJob, error: unknown) {
  const reason = (error as Error)?.message ?? String(error);
  return retryOrFail(job, "a call to the app failed", reason, (times) => `The engine's call to the app failed ${times} times in a row: ${reason}`);
}

/**
 * Signature or routing trouble (401/404 from /api/inngest) is not the function's fault: it is
 * retried and logged with the app's reason instead of calling every 500 ms forever.
 */
function appRefused(job: EngineJob, functionId: string, status: number, text: string) {
  const reason = text.replace(/\s+/g, " ").slice(0, 300) || "no reason given";
  return retryOrFail(
    job,
    `/api/inngest answered ${status}`,
    reason,
    (times) => `The app's /api/inngest answered ${status} ${times} times in a row for function "${functionId}" (${reason}). Check the signing key and that the app serves this function.`,
  );
}

/**
 * Trouble that is not the function's fault (`happened`, for the log, with its `reason`): the job is
 * tried again with backoff (refusalDelayMs), and after APP_REFUSAL_LIMIT in a row the run fails
 * with the `failure` message.
 */
async function retryOrFail(job: EngineJob, happened: string, reason: string, failure: (times: number) => string) {
  const times = job.appErrors + 1;
  if (times >= APP_REFUSAL_LIMIT) {
    console.error(`[engine] ${happened} ${times} times in a row for run ${job.runId}; failing it: ${reason}`);
    return failRunOf(job, { name: "Error", message: failure(times) });
  }
  const delay = refusalDelayMs(times);
  console.warn(`[engine] ${happened} for run ${job.runId} (${reason}); retrying in ${delay} ms (${times} of ${APP_REFUSAL_LIMIT})`);
  await db().engineJob.updateMany({ where: ours(job), data: { appErrors: times, runAt: new Date(Date.now() + delay), lockedUntil: null, lockedBy: null } });
}

async function applyOps(job: EngineJob, ops: OutgoingOp[], headers: Headers, maxAttempts: number): Promise<void> {
  let runEnded = false;
  await db().$transaction(async (tx) => {
    const run = await tx.engineRun.findUnique({ where: { id: job.runId }, select: { status: true, planned: true } });
    if (run?.status !== "running") {
      await tx.engineJob.deleteMany({ where: ours(job) });
      return;
    }
    if (!run.planned && ops.filter((op) => op.op === "StepPlanned").length > 1) {
      await tx.engineRun.update({ where: { id: job.runId }, data: { planned: true } });
    }
    let retryCurrent: Date | null = null;
    // Step results are stored within Inngest's limits (lib/engine/limits.ts); going over fails the run.
    let usage: RunUsage | null = null;
    let exceeded: LimitError | null = null;
    const store = async (stepId: string, state: StepState) => {
      usage ??= await runUsage(tx, job.runId, ops.map((op) => op.id));
      const bytes = jsonBytes("error" in state ? state.error : state.data);
      exceeded = checkStepResults(usage, [{ id: stepId, bytes }]);
      if (exceeded) return;
      usage = { steps: usage.steps + 1, bytes: usage.bytes + bytes };
      await memoize(tx, job.runId, stepId, state);
    };

    /** Carries out one operation; true when the run needs a new discovery request. */
    const applyOp = async (op: OutgoingOp): Promise<boolean> => {
      switch (op.op) {
        case "StepRun":
        case "Step":
          await store(op.id, { data: op.data ?? null });
          return true;
        case "StepFailed":
          await store(op.id, { error: op.error ?? { name: "Error", message: "Step failed" } });
          return true;
        case "StepError": {
          const attempt = (job.kind === "step" && job.stepId === op.id ? job.attempt : 0) + 1;
          if (attempt >= maxAttempts) {
            await store(op.id, { error: op.error ?? { name: "Error", message: "Step failed" } });
            return true;
          }
          const at = retryAt(headers.get("retry-after")) ?? new Date(Date.now() + defaultBackoffMs(attempt - 1));
          if (job.kind === "step" && job.stepId === op.id) retryCurrent = at;
          else {
            // A job of that step keeps its lease: a claim running it now answers for it (a lease
            // that ran out lets the next claim take it anyway). It also keeps an attempt it has
            // reached: this call may be one whose lease ran out, reporting an earlier attempt late.
            const { count } = await tx.engineJob.updateMany({ where: { runId: job.runId, kind: "step", stepId: op.id, attempt: { lt: attempt } }, data: { attempt, runAt: at } });
            if (!count) await scheduleJob(tx, { runId: job.runId, kind: "step", stepId: op.id, runAt: at, attempt });
          }
          return false;
        }
        case "StepPlanned": {
          const done = await tx.engineStep.findUnique({ where: { runId_stepId: { runId: job.runId, stepId: op.id } }, select: { stepId: true } });
          if (!done) await scheduleJob(tx, { runId: job.runId, kind: "step", stepId: op.id, runAt: new Date() });
          return false;
        }
        case "Sleep":
          await scheduleJob(tx, { runId: job.runId, kind: "sleep", stepId: op.id, runAt: sleepEnd(String(op.name ?? "")) });
          return false;
        case "WaitForEvent": {
          const opts = (op.opts ?? {}) as { timeout?: string; if?: string };
          // As on Inngest, a wait without a timeout or with a condition that cannot be read fails
          // the step now (caught below) instead of never matching and timing out silently.
          if (!opts.timeout) throw new Error("a wait for an event needs a timeout");
          if (opts.if) checkCondition(opts.if);
          const expiresAt = resolveInngestTime(opts.timeout);
          await tx.engineWait.upsert({
            where: { runId_stepId: { runId: job.runId, stepId: op.id } },
            create: { runId: job.runId, stepId: op.id, eventName: String(op.name), condition: opts.if ?? null, expiresAt },
            update: {},
          });
          await scheduleJob(tx, { runId: job.runId, kind: "wait", stepId: op.id, runAt: expiresAt });
          return false;
        }
        case "RunComplete":
          runEnded = true;
          await endRun(tx, job.runId, "completed", { output: op.data });
          return false;
        case "DiscoveryRequest":
          return true;
        default:
          throw new Error(`the embedded engine does not support ${op.op}`);
      }
    };

    let discover = false;
    for (const op of ops) {
      try {
        discover = (await applyOp(op)) || discover;
      } catch (error) {
        // An op the engine cannot carry out (e.g. an unreadable time) fails that step, not the engine.
        await memoize(tx, job.runId, op.id, { error: { name: "Error", message: `Cannot carry out ${op.op}: ${(error as Error).message}` } });
        discover = true;
      }
      if (exceeded) {
        runEnded = true;
        await failRun(tx, job.runId, exceeded);
      }
      if (runEnded) return;
    }
    if (retryCurrent) {
      await tx.engineJob.updateMany({ where: ours(job), data: { attempt: job.attempt + 1, appErrors: 0, runAt: retryCurrent, lockedUntil: null, lockedBy: null } });
    } else if (job.kind === "step") {
      await tx.engineJob.deleteMany({ where: ours(job) });
    }
    if (discover) await scheduleDiscovery(tx, job.runId);
  });
  if (!runEnded && job.kind === "discover") await releaseDiscovery(job);
  wakeWorker();
}

async function failRunOf(job: EngineJob, error: unknown) {
  await db().$transaction((tx) => failRun(tx, job.runId, error));
  wakeWorker();
}

/** Ends a running run as failed and sends inngest/function.failed (the function's onFailure handler runs on it). */
export async function failRun(tx: Tx, runId: string, error: unknown): Promise<void> {
  const run = await tx.engineRun.findUnique({ where: { id: runId }, select: { event: true, functionId: true } });
  const ended = await endRun(tx, runId, "failed", { error });
  if (ended && run) {
    const failure: InngestEvent = {
      name: FAILED_EVENT,
      data: { function_id: run.functionId, run_id: runId, error: error as Record<string, unknown>, event: run.event as Record<string, unknown> },
    };
    await acceptEvent(tx, failure);
  }
}

/** Ends a discovery job: deleted, unless new state arrived while it ran (then it runs again). */
async function releaseDiscovery(job: EngineJob) {
  const { count } = await db().engineJob.deleteMany({ where: { ...ours(job), rerun: false } });
  if (!count) await db().engineJob.updateMany({ where: ours(job), data: { rerun: false, appErrors: 0, lockedUntil: null, lockedBy: null, runAt: new Date() } });
}

/**
 * The job as this call holds it: the job is deleted, postponed or released after its call only
 * while its lease is still the one it was claimed with (lib/engine/worker.ts). A call that
 * outlived its lease (released when its process stopped, or run out while the heartbeat stalled)
 * leaves the job to its next claim, or to the next start when none claimed it yet (which replays
 * the stored result). What it stored for the run stays, as for any step in flight at a crash: its
 * step results, a discovery it scheduled, and the run's end when its answer ended the run.
 */
export function ours(job: EngineJob) {
  return { id: job.id, lockedBy: job.lockedBy };
}

async function dropJob(job: EngineJob) {
  await db().engineJob.deleteMany({ where: ours(job) });
}

async function retryJobLater(job: EngineJob, ms: number) {
  await db().engineJob.updateMany({ where: ours(job), data: { runAt: new Date(Date.now() + ms), lockedUntil: null, lockedBy: null } });
}

/** Backoff for retries the SDK gave no Retry-After for: 1 s doubling, capped at 5 minutes. */
function defaultBackoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** attempt, 5 * 60 * 1000);
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { name: "Error", message: text.slice(0, 2000) };
  }
}
