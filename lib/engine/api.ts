import { db } from "@/lib/db/client";
import { holdCheckpoint } from "@/lib/db/deferred-writes";
import { embeddedSigningKey } from "./keys";
import { EMBEDDED_EVENT_KEY } from "./mode";
import { hashedSigningKey } from "./signature";
import { backfillCancels } from "./cancellation";
import { acceptEvents } from "./events";
import { failRun } from "./executor";
import { unsupportedFunctionOptions } from "./function-options";
import { checkCheckpoint, recordCheckpoint } from "./inline-usage";
import { jsonBytes } from "./limits";
import { checkpointSteps, completeRun, registerApp, stepResultsInsert } from "./store";
import type { InngestEvent, OutgoingOp, RegisterRequest } from "./types";
import { wakeWorker } from "./wake";

/**
 * The part of the Inngest server API the SDK calls, served by the embedded engine:
 * app sync (`POST /fn/register`), events (`POST /e/<key>`) and async checkpoints
 * (`POST /v1/checkpoint/<runId>/async`). Reached in-process through lib/engine/transport.ts.
 */
export async function handleEngineApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/\/+$/, "");
  if (request.method !== "POST") return json({ error: "Method not allowed" }, 405);

  const event = /^\/e\/([^/]+)$/.exec(path);
  if (event) {
    if (decodeURIComponent(event[1]) !== EMBEDDED_EVENT_KEY) return json({ error: "Unknown event key", status: 401 }, 401);
    const body = await readJson(request);
    const events = (Array.isArray(body) ? body : [body]) as InngestEvent[];
    if (!events.every((e) => e && typeof e.name === "string" && e.name)) return json({ error: "Every event needs a name", status: 400 }, 400);
    const ids = await acceptEvents(events);
    return json({ ids, status: 200 });
  }

  if (!authorized(request.headers.get("authorization"))) return json({ error: "Unauthorized" }, 401);

  if (path === "/fn/register") {
    const body = (await readJson(request)) as RegisterRequest;
    const unsupported = unsupportedFunctionOptions(body.functions ?? []);
    if (unsupported.length) {
      const error = `The embedded engine does not implement these function options (set the Inngest variables to run on an Inngest server, or remove them): ${unsupported.join(", ")}`;
      console.error(`[engine] app sync refused: ${error}`);
      return json({ error, status: 400 }, 400);
    }
    await registerApp(body.appName, body.url, body.functions ?? []);
    const backfilled = await db().$transaction((tx) => backfillCancels(tx, (body.functions ?? []).map((config) => ({ id: config.id, config }))));
    if (backfilled) console.warn(`[engine] app sync: gave ${backfilled} cancel entries to running runs that had none`);
    return json({ ok: true, modified: true });
  }

  const checkpoint = checkpointRunId(path);
  if (checkpoint) return handleCheckpoint(checkpoint, request.headers.get("authorization"), await request.text());

  return json({ error: `Not found: ${path}` }, 404);
}

/**
 * An async checkpoint (`POST /v1/checkpoint/<runId>/async`) given as the SDK sends it: the
 * answer the SDK reads is only the status (409 tells it its run is gone, e.g. cancelled, and it
 * stops executing). Several per run, so lib/engine/transport.ts hands them over without building
 * a Request and its body stream.
 */
export async function handleCheckpoint(runId: string, authorization: string | null, body: string): Promise<Response> {
  if (!authorized(authorization)) return json({ error: "Unauthorized" }, 401);
  const accepted = await storeCheckpoint(runId, ((body ? JSON.parse(body) : {}) as { steps?: OutgoingOp[] }).steps ?? []);
  return accepted ? new Response(null, { status: 200 }) : json({ error: "Run is not running" }, 409);
}

/** The run id of a checkpoint path (without the origin), or null for any other path. */
export function checkpointRunId(path: string): string | null {
  const match = /^\/v1\/checkpoint\/([^/]+)\/async\/?$/.exec(path);
  return match ? decodeURIComponent(match[1]) : null;
}

let expectedAuthorization: string | undefined;

/**
 * The SDK's bearer is derived from the signing key its client was created with, once per process,
 * so the expected one is too: a file read and a hash per checkpoint (several per run) were a
 * tenth of the engine's share of a step. Read when the engine starts, right after the app's
 * handler (and so its client) loaded (lib/engine/boot.ts), else at the first call.
 */
export function expectClientSigningKey(): void {
  expectedAuthorization = `Bearer ${hashedSigningKey(embeddedSigningKey())}`;
}

function authorized(authorization: string | null): boolean {
  if (!expectedAuthorization) expectClientSigningKey();
  return authorization === expectedAuthorization;
}

/**
 * Steps the SDK ran inline and checkpoints; the same request goes on executing, so no discovery.
 * Results that would take the run over Inngest's limits (lib/engine/limits.ts) fail it instead.
 * A held checkpoint answers that the run runs without reading it: a cancel is seen when what is
 * held is stored, which a step acting outside the run does before it starts.
 */
async function storeCheckpoint(runId: string, ops: OutgoingOp[]): Promise<boolean> {
  const complete = ops.find((op) => op.op === "RunComplete");
  const results = ops
    .filter((op) => op.op === "StepRun" || op.op === "StepFailed")
    .map((op) => ({ id: op.id, state: op.op === "StepFailed" ? { error: op.error } : { data: op.data ?? null } }));
  const sizes = results.map(({ id, state }) => ({ id, bytes: jsonBytes("error" in state ? state.error : state.data) }));
  const exceeded = sizes.length ? await checkCheckpoint(runId, sizes) : null;
  if (exceeded) {
    await db().$transaction((tx) => failRun(tx, runId, exceeded));
    wakeWorker();
    return false;
  }
  // A transform's or condition's result may wait for the next checkpoint (lib/db/deferred-writes.ts): no commit of its own.
  const single = results.length === 1 && ops.length === 1 && !("error" in results[0].state);
  if (holdCheckpoint(() => (single ? [stepResultsInsert(runId, results)] : null), sizes[0]?.bytes ?? 0)) {
    recordCheckpoint(runId, sizes);
    return true;
  }
  const running = await checkpointSteps(runId, results);
  if (running) recordCheckpoint(runId, sizes);
  if (running && complete) await completeRun(runId, complete.data);
  return running;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  return text ? JSON.parse(text) : {};
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
