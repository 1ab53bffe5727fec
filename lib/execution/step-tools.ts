import { NonRetriableError } from "inngest";
import { storeHeldResults } from "@/lib/db/deferred-writes";

/** The part of Inngest's step tools the workflow walker uses. */
export interface WorkflowStepTools {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, time: Date | string): Promise<unknown>;
  waitForEvent(id: string, opts: { event: string; timeout: string | Date; if?: string; match?: string }): Promise<unknown>;
}

const mayStartWithResultsHeld = new WeakSet<() => Promise<unknown>>();

/**
 * Marks a step's work as able to start while results are held for the next checkpoint
 * (lib/db/deferred-writes.ts): it acts on nothing outside its run and reads nothing they wrote
 * (a pure node's attempt, the completion of a run nothing waits on).
 */
export function startsWithResultsHeld<T>(fn: () => Promise<T>): () => Promise<T> {
  mayStartWithResultsHeld.add(fn);
  return fn;
}

/**
 * The walker's step tools. Every step not marked startsWithResultsHeld first stores the results
 * held before it, so a step that acts outside its run (a call, an event, chunk runs, a model turn)
 * or reads run history starts only once all it came after is stored, and not in a run that ended
 * meanwhile. Outside the embedded engine nothing is held and this adds nothing.
 */
export function storingHeldResultsFirst(step: WorkflowStepTools): WorkflowStepTools {
  return {
    run: (id, fn) =>
      step.run(
        id,
        mayStartWithResultsHeld.has(fn)
          ? fn
          : async () => {
              if (!(await storeHeldResults())) throw new NonRetriableError("The run ended before this step started");
              return fn();
            },
      ),
    sleepUntil: (id, time) => step.sleepUntil(id, time),
    waitForEvent: (id, opts) => step.waitForEvent(id, opts),
  };
}
