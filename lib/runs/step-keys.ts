/**
 * Run history keys steps by node id, except loop iterations (`<id>#<n>`) and compensations
 * (`<compensation>@<step key>`). Browser-safe.
 */

/** The node whose work a key records: `charge`, `charge#2` → `charge`; `refund@charge#2` → `refund`. */
export function nodeOfStepKey(key: string): string {
  return key.split("@")[0].split("#")[0];
}

/** The loop iteration a key records: `charge#2` → 2, `refund@charge#2` → null (a compensation); null outside loops. */
export function iterationOfStepKey(key: string): number | null {
  if (key.includes("@")) return null;
  const hash = key.indexOf("#");
  return hash === -1 ? null : Number(key.slice(hash + 1));
}

/** The step a compensation undid: `refund@charge#2` → `charge#2`; null for other keys. */
export function compensatedStepKey(key: string): string | null {
  const at = key.indexOf("@");
  return at === -1 ? null : key.slice(at + 1);
}

const STATUS_WEIGHT = ["failed", "running", "retrying", "waiting", "sleeping", "cancelled", "completed", "skipped"];

/** One status per node for steps that ran several times (iterations, compensations): the most pressing one, and the most attempts any of them took. */
export function statesByNode<S extends { nodeId: string; status: string; attempts: number; reused: boolean }>(steps: S[]): Map<string, { status: string; attempts: number; reused: boolean }> {
  const states = new Map<string, { status: string; attempts: number; reused: boolean }>();
  for (const step of steps) {
    const id = nodeOfStepKey(step.nodeId);
    const prior = states.get(id);
    if (!prior) {
      states.set(id, { status: step.status, attempts: step.attempts, reused: step.reused });
      continue;
    }
    const pressing = rank(step.status) < rank(prior.status) ? step.status : prior.status;
    states.set(id, { status: pressing, attempts: Math.max(prior.attempts, step.attempts), reused: prior.reused && step.reused });
  }
  return states;
}

function rank(status: string): number {
  const i = STATUS_WEIGHT.indexOf(status);
  return i === -1 ? STATUS_WEIGHT.length : i;
}
