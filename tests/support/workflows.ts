import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from "@/lib/document/schema";
import type { TestServer } from "./server";
import { waitFor } from "./wait";

/** Builds a workflow document from a chain of nodes (each connected to the next) plus extra edges. */
export function chain(name: string, nodes: Omit<WorkflowNode, "position">[], extraEdges: Omit<WorkflowEdge, "id">[] = []): WorkflowDocument {
  const placed = nodes.map((n, i) => ({ ...n, position: { x: i * 220, y: 0 } })) as WorkflowNode[];
  const edges: WorkflowEdge[] = placed.slice(1).map((n, i) => ({ id: `e${i}`, source: placed[i].id, target: n.id }));
  extraEdges.forEach((e, i) => edges.push({ id: `x${i}`, ...e }));
  return { version: 1, name, nodes: placed, edges };
}

export interface RunDetail {
  id: string;
  status: string;
  output: unknown;
  error: { message: string; nodeId?: string } | null;
  steps: { nodeId: string; status: string; attempts: number; startedAt: string | null; endedAt: string | null; input: unknown; output: unknown; error: { message: string } | null }[];
}

export async function createWorkflow(server: TestServer, document: WorkflowDocument): Promise<{ id: string; webhookUrl?: string }> {
  const res = await server.api<{ id: string; webhookUrl?: string }>("/api/workflows", { body: document });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function startManualRun(server: TestServer, workflowId: string, payload: unknown = {}): Promise<string> {
  const res = await server.api<{ runId: string }>(`/api/workflows/${workflowId}/runs`, { body: { payload } });
  if (res.status !== 202) throw new Error(`run failed to start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.runId;
}

export async function getRun(server: TestServer, runId: string): Promise<RunDetail> {
  return (await server.api<RunDetail>(`/api/runs/${runId}`)).body;
}

export async function waitForRun(server: TestServer, runId: string, statuses = ["completed", "failed", "cancelled"], timeoutMs = 90_000): Promise<RunDetail> {
  return waitFor(
    async () => {
      const run = await getRun(server, runId);
      return statuses.includes(run.status) ? run : undefined;
    },
    { timeoutMs, what: `run ${runId} to reach ${statuses.join("/")}` },
  );
}

/** The workflow's runs with their details, once at least `count` have started and all of them have finished. */
export async function finishedRuns(server: TestServer, workflowId: string, count: number): Promise<RunDetail[]> {
  const runs = await waitFor(
    async () => {
      const listed = await listRuns(server, workflowId);
      return listed.length >= count && listed.every((run) => ["completed", "failed"].includes(run.status)) ? listed : undefined;
    },
    { timeoutMs: 60_000, what: `${count} runs` },
  );
  return Promise.all(runs.map((run) => getRun(server, run.id)));
}

export function step(run: RunDetail, nodeId: string) {
  const found = run.steps.find((s) => s.nodeId === nodeId);
  if (!found) throw new Error(`run ${run.id} has no step ${nodeId}: ${JSON.stringify(run.steps)}`);
  return found;
}

type NodeSpec = Omit<WorkflowNode, "position" | "config"> & { config?: Record<string, unknown> };

/** A workflow document from nodes and `source->target[:handle]` edge strings. */
export function graph(name: string, nodes: NodeSpec[], edges: string[], settings?: WorkflowDocument["settings"]): WorkflowDocument {
  return {
    version: 1,
    name,
    nodes: nodes.map((n, i) => ({ ...n, config: n.config ?? {}, position: { x: i * 200, y: 0 } })),
    edges: edges.map((spec, i) => {
      const [, source, handle, target] = /^(\w+)(?::([\w-]+))?->(\w+)$/.exec(spec) ?? [];
      if (!source) throw new Error(`bad edge spec ${spec}`);
      return { id: `e${i}`, source, target, ...(handle ? { sourceHandle: handle } : {}) };
    }),
    ...(settings ? { settings } : {}),
  };
}

export async function listRuns(server: TestServer, workflowId: string): Promise<{ id: string; status: string; triggerKind: string }[]> {
  return (await server.api<{ runs: { id: string; status: string; triggerKind: string }[] }>(`/api/runs?workflowId=${workflowId}&limit=200`)).body.runs;
}

export async function sendEvent(server: TestServer, event: { name: string; data?: unknown; id?: string }) {
  return server.api<{ id: string; duplicate: boolean }>("/api/events", { body: event });
}
