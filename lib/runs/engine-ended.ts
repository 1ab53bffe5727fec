import { db } from "@/lib/db/client";
import { runsEndedUncompleted } from "@/lib/engine/store";
import { serializeError } from "@/lib/json";
import { markRunCancelled, markRunFailed } from "./history";

const PAGE = 1000;

/**
 * Embedded engine: records the runs that run history still shows queued or running although the
 * engine ended them (failed or cancelled), as the engine ended them, with its error. A function's
 * failure handler records such an end; when the app refused every call of a run and then of its
 * failure handler too (a signing-key mix-up that outlasted both), nothing did, and the run showed
 * queued for good: its request, sent again at each start, is a repeat the engine drops. Called at
 * start; the runs then appear among failed runs, where they can be replayed. Resolves to how many.
 */
export async function recordRunsTheEngineEnded(): Promise<number> {
  let recorded = 0;
  let after: string | undefined;
  for (;;) {
    const open = await db().run.findMany({
      where: { status: { in: ["queued", "running"] }, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, workflowId: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (!open.length) break;
    after = open[open.length - 1].id;
    const ended = await runsEndedUncompleted(open.map((run) => run.id));
    for (const run of open) {
      const end = ended.get(run.id);
      if (!end) continue;
      const changed = end.status === "failed" ? await markRunFailed(run, serializeError(end.error ?? "The engine ended the run without an error")) : await markRunCancelled(run.id);
      if (changed) recorded++;
    }
    if (open.length < PAGE) break;
  }
  if (recorded) console.warn(`[runs] ${recorded} run(s) still shown queued or running had been ended by the engine; recorded as it ended them`);
  return recorded;
}
