import { publicOrigin } from "@/lib/api/http";
import type { AppEventRun } from "@/lib/connectors/define";
import { recordWebhookOutcome } from "@/lib/metrics";
import { dispatchInBackground } from "@/lib/runs/dispatch";
import { intakeStarted } from "@/lib/server/intake-pressure";
import { fetchChangesInBackground } from "../app-changes";
import { touchLastTriggered } from "../workflow-trigger";
import { BodyTooLargeError } from "./body";
import { dedupKeyOf } from "./dedup";
import { acceptDelivery, recordDelivery, type DeliveryRecord } from "./deliveries";
import { acceptEventRuns } from "./event-runs";
import { jsonReply, type WebhookReply, type WebhookRequest } from "./exchange";
import { maskedHeaders } from "./mask";
import { BodyParseError, bodyKind, nestBrackets, parseBody } from "./parse";
import { takeToken } from "./rate-limit";
import { awaitResponse, type WebhookResponse } from "./respond";
import { signatureHeaders, verifySignature } from "./signature";
import { hookUrl } from "@/lib/workflow-store/present";
import { loadWebhookTarget } from "./target";

const NOT_FOUND = "No active workflow listens on this URL";
const URL_CHECK = "The app's URL check, answered";
const NOT_ASKED_FOR = "Not an event the trigger's settings ask for";

/** A request to a workflow's webhook URL: answered once stored, or in respond mode by its run. */
export async function handleWebhook(request: WebhookRequest, token: string): Promise<WebhookReply> {
  const stored = intakeStarted();
  const received = await receiveWebhook(request, token).finally(stored);
  if ("reply" in received) return received.reply;
  const { deliveryId, runId, timeoutMs } = received.respondTo;
  const response = await awaitResponse(deliveryId, runId, timeoutMs);
  return response ? toHttpResponse(response) : jsonReply({ runId }, 202);
}

/**
 * The pipeline: workflow and method, rate limit, body size, signature (over the raw bytes),
 * parsing, dedup, then the delivery and its run (or, for a delivery of several events, a run per
 * event) stored in one transaction before anything is answered. Every request to a known workflow is recorded as a delivery (accepted, duplicate or
 * rejected with its reason).
 */
async function receiveWebhook(request: WebhookRequest, token: string): Promise<{ reply: WebhookReply } | { respondTo: { deliveryId: string; runId: string; timeoutMs: number } }> {
  const target = await loadWebhookTarget(token);
  if (!target) {
    recordWebhookOutcome("rejected");
    return { reply: jsonReply({ error: NOT_FOUND }, 404) };
  }
  const { url } = request;
  const contentType = request.headers.get("content-type");
  const base: Omit<DeliveryRecord, "outcome" | "status"> = {
    workflowId: target.workflowId,
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: maskedHeaders(request.headers, target.config ? signatureHeaders(target.config.signature) : []),
    contentType,
  };
  const reject = async (status: number, reason: string, extra: { raw?: Buffer; bodyNote?: string; headers?: Record<string, string>; error?: string } = {}) => {
    await recordDelivery({ ...base, raw: extra.raw, bodyNote: extra.bodyNote, outcome: "rejected", reason, status });
    recordWebhookOutcome("rejected");
    return { reply: jsonReply({ error: extra.error ?? reason }, status, extra.headers) };
  };
  /** Answered 200 so the app does not retry, and recorded as Ignored: no run starts. */
  const ignore = async (reason: string, reply: WebhookReply, raw?: Buffer) => {
    await recordDelivery({ ...base, raw, outcome: "ignored", reason, status: 200 });
    recordWebhookOutcome("ignored");
    return { reply };
  };
  /** A notification that only says something changed (Airtable): recorded as accepted and answered 200 with an empty body, as Airtable asks; its changes are fetched after the answer, one run each. */
  const ping = async (raw: Buffer) => {
    await recordDelivery({ ...base, raw, outcome: "accepted", reason: "A notification: the changes it announces are fetched from the app, one run each", status: 200 });
    recordWebhookOutcome("accepted");
    fetchChangesInBackground(target.workflowId);
    return { reply: { status: 200, headers: {}, body: null } };
  };

  if (!target.active) return reject(404, "The workflow is inactive", { error: NOT_FOUND });
  const config = target.config;
  if (!config) return reject(404, "The workflow's trigger is not a webhook", { error: NOT_FOUND });
  if (target.app?.trigger.probe === request.method) return ignore(URL_CHECK, { status: 200, headers: {}, body: null });
  if (!(config.methods as string[]).includes(request.method)) {
    return reject(405, `Method ${request.method} is not allowed`, { headers: { allow: config.methods.join(", ") } });
  }
  if (config.rateLimitPerMinute) {
    const wait = takeToken(token, config.rateLimitPerMinute);
    if (wait > 0) return reject(429, `Rate limit of ${config.rateLimitPerMinute} per minute exceeded`, { headers: { "retry-after": String(wait) }, bodyNote: "(not read: rate limited)" });
  }
  let raw: Buffer;
  try {
    raw = await request.readBody(config.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return reject(413, error.message, { bodyNote: "(not stored: over the size limit)" });
    throw error;
  }
  const app = target.app;
  if (app?.trigger.verification) {
    let unsigned: unknown;
    try {
      unsigned = parseBody(raw, contentType);
    } catch {
      unsigned = undefined; // not the app's verification request; the signature check answers it
    }
    const reason = app.trigger.verification({ headers: base.headers, body: unsigned });
    if (reason) return ignore(reason, jsonReply({ ok: true }, 200), raw);
  }
  // Trello and HubSpot sign the URL they were given too: this URL as seen from outside.
  const signatureProblem = verifySignature(config.signature, target.secret, raw, request.headers, Date.now(), hookUrl(publicOrigin({ headers: request.headers, url: url.href }), token), request.method);
  if (signatureProblem) return reject(401, signatureProblem, { raw, error: "Invalid signature" });
  let body: unknown;
  try {
    body = parseBody(raw, contentType);
  } catch (error) {
    if (error instanceof BodyParseError) return reject(400, error.message, { raw });
    throw error;
  }
  if (app?.trigger.nestedForm && bodyKind(contentType) === "form") body = nestBrackets(body as Record<string, string | string[]>);
  const trigger = { method: base.method, headers: base.headers, query: base.query, body };
  if (app?.trigger.changes) return ping(raw);
  const handshake = app?.trigger.handshake?.(trigger);
  if (handshake !== undefined) return ignore(URL_CHECK, jsonReply(handshake, 200), raw);
  if (app?.trigger.events) {
    let events: AppEventRun[];
    try {
      events = app.trigger.events(app.props, trigger);
    } catch (error) {
      return reject(400, (error as Error).message, { raw });
    }
    if (!events.length) return ignore(NOT_ASKED_FOR, jsonReply({ ignored: true }, 200), raw);
    const accepted = await acceptEventRuns({ ...base, raw }, { workspaceId: target.workspaceId, workflowVersion: target.version, trigger: { method: base.method, headers: base.headers, query: base.query } }, events);
    if (!accepted.started.length) {
      recordWebhookOutcome("duplicate");
      return { reply: jsonReply({ runIds: accepted.repeats, duplicate: true }, 200) };
    }
    recordWebhookOutcome("accepted");
    dispatchInBackground(accepted.started);
    touchLastTriggered(target.workflowId);
    return { reply: jsonReply({ runIds: accepted.started.map((run) => run.runId), repeats: accepted.repeats.length }, 202) };
  }
  if (app?.trigger.accepts && !app.trigger.accepts(app.props, trigger)) return ignore(NOT_ASKED_FOR, jsonReply({ ignored: true }, 200), raw);
  let key: string | undefined;
  try {
    key = await dedupKeyOf(config.dedup, request.headers, trigger);
  } catch {
    key = undefined; // an expression that fails on this body: accept without dedup rather than lose the delivery
  }
  const respond = config.response.mode === "respond";
  const answer = app?.trigger.reply;
  const appReply: WebhookReply | undefined = answer && { status: 200, headers: { "content-type": answer.contentType }, body: answer.body };
  const accepted = await acceptDelivery(
    { ...base, raw, status: 202, ...(respond ? { responseState: "waiting" as const } : {}) },
    { workspaceId: target.workspaceId, workflowVersion: target.version, trigger },
    key ? { key, windowMs: config.dedup.windowHours * 3_600_000 } : undefined,
  );
  if (accepted.duplicate) {
    await recordDelivery({ ...base, raw, outcome: "duplicate", reason: `Duplicate of delivery ${accepted.deliveryId} (key ${key})`, status: 200, runId: accepted.runId, dedupKey: key });
    recordWebhookOutcome("duplicate");
    return { reply: appReply ?? jsonReply({ runId: accepted.runId, duplicate: true }, 200) };
  }
  recordWebhookOutcome("accepted");
  // Stored is accepted: the sender does not wait for the hand-over to the engine.
  dispatchInBackground([{ runId: accepted.runId, workflowId: target.workflowId }]);
  touchLastTriggered(target.workflowId);
  if (respond) return { respondTo: { deliveryId: accepted.deliveryId, runId: accepted.runId, timeoutMs: config.response.timeoutMs } };
  return { reply: appReply ?? jsonReply({ runId: accepted.runId }, 202) };
}

function toHttpResponse({ status, headers, body }: WebhookResponse): WebhookReply {
  const out = Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  if (body === null || body === undefined || status === 204 || status === 304) return { status, headers: out, body: null };
  if (typeof body === "string") return { status, headers: { "content-type": "text/plain; charset=utf-8", ...out }, body };
  return { status, headers: { "content-type": "application/json", ...out }, body: JSON.stringify(body) };
}
