import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import type { MetricObjectWithValues, MetricValue } from "prom-client";
import { onWake } from "@/lib/engine/wake";
import { responseReady } from "@/lib/triggers/webhook/respond";
import { EXECUTION_ROLE } from "./role";
import type { PeerMessage } from "./peer-messages";

/**
 * Execution processes. The server's one thread does webhook intake, the UI's requests and
 * execution; on a machine with more cores, `npm start` also forks execution processes
 * (scripts/executor.mjs: the same build, no HTTP server) whose embedded engine workers claim jobs
 * from the same tables as the server's, with the same leases, so runs execute on every core.
 * Each has its own database connection: on SQLite, writers take turns on the database's one
 * write lock and wait for it without blocking their event loop (lib/db/sqlite-adapter.ts).
 *
 * SWITCHBOARD_EXECUTORS sets how many (0: none); by default one per core beyond the first, at
 * most 3. An execution process that dies is started again (its jobs are taken over at once, as
 * after a crash); on stop each gets the grace period for its steps in flight, as the server does.
 */
export interface Executors {
  /** Resolves once every execution process has exited, to how many steps still running they released. */
  stop(graceMs: number): Promise<{ released: number }>;
}

const MAX_DEFAULT = 3;
const RESTART_MIN_MS = 1000;
const RESTART_MAX_MS = 30_000;
/** How long a stopping execution process may take beyond the grace period before it is killed. */
const STOP_MARGIN_MS = 10_000;
const METRICS_TIMEOUT_MS = 5000;

export type ProcessMetrics = MetricObjectWithValues<MetricValue<string>>[];

// serve.mjs names the script; a server started otherwise (plain `next start`) forks none.
const scriptHolder = globalThis as typeof globalThis & { __switchboardExecutorScript?: string };
// The running ones, for the metrics route (another bundle than the runtime's).
const running = globalThis as typeof globalThis & { __switchboardExecutorProcesses?: Set<ChildProcess> };
const children = (running.__switchboardExecutorProcesses ??= new Set());

export function executorCount(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.SWITCHBOARD_EXECUTORS?.trim();
  if (configured) {
    const count = Number(configured);
    if (Number.isInteger(count) && count >= 0) return count;
    console.warn(`[executors] SWITCHBOARD_EXECUTORS=${configured} is not a whole number; using the default`);
  }
  return Math.min(Math.max(availableParallelism() - 1, 0), MAX_DEFAULT);
}

export function startExecutors(count = executorCount()): Executors | null {
  const script = scriptHolder.__switchboardExecutorScript;
  if (!script || count === 0) return null;
  let stopping = false;
  let released = 0;
  const exited = new Map<ChildProcess, Promise<void>>();

  const launch = (failures: number) => {
    const child = fork(script, [], { env: { ...process.env, SWITCHBOARD_ROLE: EXECUTION_ROLE }, serialization: "advanced", stdio: "inherit" });
    children.add(child);
    const started = Date.now();
    // A message to a process that just exited fails here instead of throwing; its exit is handled below.
    child.on("error", (error) => console.error(`[executors] execution process ${child.pid}: ${error.message}`));
    child.on("message", (message: PeerMessage) => {
      if (message?.t === "responded") responseReady(message.runId);
      if (message?.t === "stopped") released += message.released;
    });
    exited.set(
      child,
      new Promise<void>((resolve) => {
        child.once("exit", (code, signal) => {
          children.delete(child);
          exited.delete(child);
          resolve();
          if (stopping) return;
          // Quick deaths in a row back off; one that ran a while starts again at once.
          const next = Date.now() - started > RESTART_MAX_MS ? 0 : failures + 1;
          const delay = next ? Math.min(RESTART_MIN_MS * 2 ** (next - 1), RESTART_MAX_MS) : 0;
          console.error(`[executors] execution process ${child.pid} exited (${signal ?? `code ${code}`}); starting another${delay ? ` in ${delay} ms` : ""}`);
          setTimeout(() => !stopping && launch(next), delay).unref();
        });
      }),
    );
  };
  for (let i = 0; i < count; i++) launch(0);

  // New work (runs accepted here, timers due) wakes their workers too: one message per turn.
  let wakePending = false;
  const unsubscribe = onWake(() => {
    if (wakePending) return;
    wakePending = true;
    setImmediate(() => {
      wakePending = false;
      for (const child of children) if (child.connected) child.send({ t: "wake" } satisfies PeerMessage);
    });
  });

  return {
    async stop(graceMs) {
      stopping = true;
      unsubscribe();
      await Promise.all(
        [...exited].map(([child, exit]) => {
          child.kill("SIGTERM");
          const kill = setTimeout(() => child.kill("SIGKILL"), graceMs + STOP_MARGIN_MS);
          return exit.finally(() => clearTimeout(kill));
        }),
      );
      return { released };
    },
  };
}

/** The metrics of the execution processes (prom-client's JSON form), for the server's /api/metrics to add up. */
export async function executorMetrics(): Promise<ProcessMetrics[]> {
  const asked = [...children].filter((child) => child.connected);
  return Promise.all(asked.map((child) => askMetrics(child)));
}

let nextMetricsRequest = 0;

function askMetrics(child: ChildProcess): Promise<ProcessMetrics> {
  const id = ++nextMetricsRequest;
  return new Promise((resolve) => {
    const done = (metrics: ProcessMetrics) => {
      clearTimeout(timer);
      child.off("message", listener);
      resolve(metrics);
    };
    const listener = (message: PeerMessage) => {
      if (message?.t === "metrics" && message.id === id) done(message.metrics);
    };
    // A process that does not answer (busy starting or stopping) is left out of this scrape.
    const timer = setTimeout(() => done([]), METRICS_TIMEOUT_MS);
    child.on("message", listener);
    child.send({ t: "metrics?", id } satisfies PeerMessage);
  });
}
