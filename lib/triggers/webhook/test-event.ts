import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import type { WorkflowDocument } from "@/lib/document/schema";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { webhookConfigSchema, type WebhookConfig } from "@/lib/nodes/trigger-webhook";
import { decryptSecret, isEncrypted } from "@/lib/secrets/crypto";
import { RESERVED_NAMESPACE_PREFIX } from "@/lib/store/kv";
import { getWorkflow } from "@/lib/workflow-store/repository";
import { BodyTooLargeError } from "./body";
import { jsonReply, type WebhookReply, type WebhookRequest } from "./exchange";
import { maskedHeaders } from "./mask";
import type { WebhookTriggerOutput } from "./output";
import { BodyParseError, parseBody } from "./parse";
import { signatureHeaders, verifySignature } from "./signature";

/**
 * "Listen for a test event" (the editor's webhook trigger): a short-lived listening session per
 * workflow, during which the workflow's test URL (`/api/hooks/<token>/test`) captures the next
 * request as the trigger would output it in a run — `{ method, headers, query, body }`, after the
 * same method, body-size, signature and parsing checks as the production URL — without starting a
 * run or recording a delivery. The session lives in the workspace key-value table under a
 * namespace action.store may not use, one row per workflow.
 */
const NAMESPACE = `${RESERVED_NAMESPACE_PREFIX}webhook-test-event`;
const LISTEN_MS = 120_000;


interface Rejection {
  at: string;
  status: number;
  reason: string;
}

type Session =
  | { state: "listening"; id: string; until: string; lastRejection?: Rejection }
  | { state: "captured"; id: string; capturedAt: string; output: WebhookTriggerOutput };

/** What the editor sees (GET/POST /api/workflows/:id/test-event). */
export type TestEventView =
  | { state: "idle" }
  | { state: "expired"; sessionId: string; testUrl: string }
  | { state: "listening"; sessionId: string; testUrl: string; listeningUntil: string; lastRejection: Rejection | null }
  | { state: "captured"; sessionId: string; testUrl: string; capturedAt: string; output: WebhookTriggerOutput };

const NOT_LISTENING = 'Nobody is listening for a test event on this URL: click "Listen for a test event" in the editor first';

const rowKey = (workspaceId: string, workflowId: string) => ({ workspaceId_namespace_key: { workspaceId, namespace: NAMESPACE, key: workflowId } });

async function readSession(workspaceId: string, workflowId: string) {
  const row = await db().keyValueEntry.findUnique({ where: rowKey(workspaceId, workflowId) });
  return row ? { session: row.value as unknown as Session, version: row.version } : null;
}

/** Replaces the session only if nobody changed it since it was read (a second capture loses). */
async function replaceSession(workspaceId: string, workflowId: string, version: number, session: Session): Promise<boolean> {
  const { count } = await db().keyValueEntry.updateMany({
    where: { workspaceId, namespace: NAMESPACE, key: workflowId, version },
    data: { value: JSON.parse(JSON.stringify(session)) as Prisma.InputJsonValue, version: version + 1 },
  });
  return count > 0;
}

const listening = (session: Session | undefined, now = Date.now()): session is Extract<Session, { state: "listening" }> =>
  session?.state === "listening" && Date.parse(session.until) > now;

/**
 * The webhook trigger's config as the editor shows it: the draft's when there is one, else the
 * published document's; null when that document's trigger is not a webhook or its settings do not
 * parse. The signing secret is decrypted.
 */
function webhookConfigOf(document: WorkflowDocument): { config: WebhookConfig; secret?: string } | { problem: string } {
  const node = document.nodes.find((n) => n.type === "trigger.webhook");
  if (!node) return { problem: "The workflow's trigger is not a webhook" };
  const parsed = webhookConfigSchema.safeParse(node.config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `The webhook trigger's settings have a problem at ${["config", ...issue.path].join(".")}: ${issue.message}` };
  }
  const stored = parsed.data.signature.secret;
  return { config: parsed.data, secret: stored ? (isEncrypted(stored) ? decryptSecret(stored) : stored) : undefined };
}

function view(session: Session | undefined, testUrl: string): TestEventView {
  if (!session) return { state: "idle" };
  if (session.state === "captured") return { state: "captured", sessionId: session.id, testUrl, capturedAt: session.capturedAt, output: session.output };
  if (Date.parse(session.until) <= Date.now()) return { state: "expired", sessionId: session.id, testUrl };
  return { state: "listening", sessionId: session.id, testUrl, listeningUntil: session.until, lastRejection: session.lastRejection ?? null };
}

/** Starts (or restarts) listening for the workflow's next test request; a previous capture is dropped. */
export async function startListening(workspaceId: string, workflowId: string, testUrlOf: (token: string) => string): Promise<TestEventView> {
  const workflow = await getWorkflow(workspaceId, workflowId);
  const found = webhookConfigOf(workflow.draft ?? workflow.document);
  if ("problem" in found) throw new ApiError(409, found.problem, [{ path: "nodes", message: found.problem }]);
  const session: Session = { state: "listening", id: randomUUID(), until: new Date(Date.now() + LISTEN_MS).toISOString() };
  const value = JSON.parse(JSON.stringify(session)) as Prisma.InputJsonValue;
  await db().keyValueEntry.upsert({
    where: rowKey(workspaceId, workflowId),
    create: { workspaceId, namespace: NAMESPACE, key: workflowId, value },
    update: { value, version: { increment: 1 } },
  });
  return view(session, testUrlOf(workflow.webhookToken));
}

/** The workflow's listening session: still listening, captured (with the trigger output), expired or none. */
export async function testEventState(workspaceId: string, workflowId: string, testUrlOf: (token: string) => string): Promise<TestEventView> {
  const workflow = await getWorkflow(workspaceId, workflowId);
  return view((await readSession(workspaceId, workflowId))?.session, testUrlOf(workflow.webhookToken));
}

/** Stops listening and forgets a captured event. */
export async function stopListening(workspaceId: string, workflowId: string): Promise<void> {
  await getWorkflow(workspaceId, workflowId);
  await db().keyValueEntry.deleteMany({ where: { workspaceId, namespace: NAMESPACE, key: workflowId } });
}

/**
 * A request to a workflow's test URL: 404 unless its editor is listening; otherwise checked like a
 * production delivery (method, body size, signature, parsing) and, when it passes, captured as the
 * trigger output, which ends the session. Refusals keep it listening and are shown in the editor.
 * Nothing is recorded as a delivery and no run starts, whether the workflow is active or not.
 */
export async function handleTestWebhook(request: WebhookRequest, token: string): Promise<WebhookReply> {
  const notListening = jsonReply({ error: NOT_LISTENING }, 404);
  if (!token || token.length > 100) return notListening;
  const workflow = await db().workflow.findUnique({ where: { webhookToken: token }, select: { id: true, workspaceId: true, document: true, draft: true } });
  if (!workflow) return notListening;
  const { id: workflowId, workspaceId } = workflow;
  const current = await readSession(workspaceId, workflowId);
  if (!current || !listening(current.session)) return notListening;
  const session = current.session;

  const reject = async (status: number, reason: string, extra: { headers?: Record<string, string>; error?: string } = {}) => {
    // Best effort: a refusal racing a capture must not undo it.
    await replaceSession(workspaceId, workflowId, current.version, { ...session, lastRejection: { at: new Date().toISOString(), status, reason } });
    return jsonReply({ error: extra.error ?? reason }, status, extra.headers);
  };

  const found = webhookConfigOf((workflow.draft ?? workflow.document) as unknown as WorkflowDocument);
  if ("problem" in found) return reject(409, found.problem);
  const { config, secret } = found;
  if (!(config.methods as string[]).includes(request.method)) {
    return reject(405, `Method ${request.method} is not allowed`, { headers: { allow: config.methods.join(", ") } });
  }
  let raw: Buffer;
  try {
    raw = await request.readBody(config.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return reject(413, error.message);
    throw error;
  }
  const signatureProblem = verifySignature(config.signature, secret, raw, request.headers);
  if (signatureProblem) return reject(401, signatureProblem, { error: "Invalid signature" });
  const contentType = request.headers.get("content-type");
  let body: unknown;
  try {
    body = parseBody(raw, contentType);
  } catch (error) {
    if (error instanceof BodyParseError) return reject(400, error.message);
    throw error;
  }
  const output: WebhookTriggerOutput = {
    method: request.method,
    headers: maskedHeaders(request.headers, signatureHeaders(config.signature)),
    query: Object.fromEntries(request.url.searchParams),
    body,
  };
  const capture: Session = { state: "captured", id: session.id, capturedAt: new Date().toISOString(), output };
  // A refusal recorded meanwhile changed the version: retry while the same session still listens.
  for (let version = current.version; !(await replaceSession(workspaceId, workflowId, version, capture)); ) {
    const latest = await readSession(workspaceId, workflowId);
    if (!latest || !listening(latest.session) || latest.session.id !== session.id) return notListening; // another request was captured first
    version = latest.version;
  }
  return jsonReply({ captured: true, message: "Test event captured: see it in the editor. No run was started." }, 200);
}
