import { getNodeDefinition } from "@/lib/nodes";
import type { NodeServices, StepNodeDefinition } from "@/lib/nodes/types";
import { transformServices } from "@/lib/transforms/services";
import { unavailableServices } from "./node-services";

type Call = { url: string; init: RequestInit & { connectionId?: string } };

const scope = { trigger: {}, steps: {}, run: { id: "run_1", workflowId: "wf_1", attempt: 0 }, input: {} };

/**
 * Runs an app connector action's node with a fake outbound path that gives `answer` (or the next
 * of `answer`s, one per request), and a connection whose non-secret settings are `settings`.
 * Returns what the node sent (the first request; a JSON body parsed, any other body as text; every
 * request's URL and JSON body) and its output, or the error it failed with.
 */
export async function callConnector(type: string, config: Record<string, unknown>, answer: Response | Response[], settings: Record<string, unknown> = {}) {
  const answers = Array.isArray(answer) ? [...answer] : [answer];
  const calls: Call[] = [];
  const asked: string[][] = [];
  const services: NodeServices = unavailableServices({
    async connectionSettings(_id, types) {
      asked.push(types);
      return { name: "Conn", type: types[0] as never, config: settings };
    },
    async fetch(url, init) {
      calls.push({ url: String(url), init });
      const next = answers.shift();
      if (!next) throw new Error(`No answer left for request ${calls.length}: ${String(url)}`);
      return next;
    },
    transforms: transformServices,
  });
  const definition = getNodeDefinition(type) as StepNodeDefinition;
  const result = await definition
    .execute({ nodeId: "node_1", config: definition.config.parse({ connectionId: "c1", ...config }), scope, parents: {}, signal: new AbortController().signal, services })
    .then((r) => r.output, (error: unknown) => error);
  const sent = calls.at(0);
  const urls = calls.map((c) => c.url);
  const bodies = calls.map((c) => parsedBody(c.init.body));
  const body = bodies.at(0);
  return { output: result, asked, sent: !!sent, method: sent?.init.method, url: sent?.url, headers: Object.fromEntries(new Headers(sent?.init.headers)), body, urls, bodies };
}

function parsedBody(raw: unknown): unknown {
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
