import type { ProcessMetrics } from "./executors";

/** What the server and its execution processes (lib/runtime/executors.ts) tell each other, besides database calls. */
export type PeerMessage =
  /** Server → execution process: new work may be due. */
  | { t: "wake" }
  /** Execution process → server: a run set the response its webhook caller waits for. */
  | { t: "responded"; runId: string }
  /** Execution process → server, as it stops: how many steps still running it released to the next start. */
  | { t: "stopped"; released: number }
  /** Server → execution process: its metrics, please; and the answer. */
  | { t: "metrics?"; id: number }
  | { t: "metrics"; id: number; metrics: ProcessMetrics };
