import { publish, sendEmail } from "@/lib/connections/clients";
import { runStatements } from "@/lib/connections/databases";
import { applyHttpAuth, forgetToken } from "@/lib/connections/http-auth";
import { circuitKeyOf, ConnectionMissingError, loadConnection, type LoadedConnection } from "@/lib/connections/store";
import { HTTP_CONNECTION_TYPES, QUEUE_CONNECTION_TYPES, rateLimitSchema, type ConnectionType } from "@/lib/connections/types";
import { db } from "@/lib/db/client";
import { publishEvent } from "@/lib/events/publish";
import { NodeError } from "@/lib/nodes/errors";
import type { NodeServices } from "@/lib/nodes/types";
import { breakerSettings, enterCircuit, reportCall } from "@/lib/outbound/breaker";
import { guardedFetch } from "@/lib/outbound/http";
import { Redactor } from "@/lib/outbound/redact";
import { acquire, intervalMs, lateStartMs, pushBack, spacing } from "@/lib/outbound/rate-limit";
import { OutboundBlockedError } from "@/lib/outbound/ssrf";
import { findOperation } from "@/lib/openapi/store";
import { startRun } from "@/lib/runs/start";
import { keyValueStore } from "@/lib/store/kv";
import { respondToWebhook } from "@/lib/triggers/webhook/respond";
import { transformServices } from "@/lib/transforms/services";

/** The services of one node attempt, with the redactor that masks every secret the attempt used. */
export interface AttemptServices extends NodeServices {
  redactor: Redactor;
}

/**
 * The server-side capabilities nodes get in their execute context. Create one per attempt:
 * values taken from connections are collected in its redactor, and node-step masks them in the
 * step's input, output and error before anything is stored.
 */
export function createNodeServices(workspaceId: string): AttemptServices {
  const redactor = new Redactor();

  const loadAllowedConnection = async (id: string, allowed: ConnectionType[], purpose: string): Promise<LoadedConnection> => {
    let connection: LoadedConnection;
    try {
      connection = await loadConnection(workspaceId, id);
    } catch (error) {
      if (error instanceof ConnectionMissingError) throw new NodeError(error.message, { retriable: false });
      throw error;
    }
    redactor.add(Object.values(connection.secrets));
    if (!allowed.includes(connection.type)) throw new NodeError(`Connection "${connection.name}" is a ${connection.type} connection; ${purpose} needs one of: ${allowed.join(", ")}`, { retriable: false });
    return connection;
  };

  /** Breaker and rate limit around one call to a connection's system. */
  const guarded = async <T,>(
    connection: LoadedConnection,
    signal: AbortSignal | undefined,
    call: (gate: () => Promise<void>) => Promise<T>,
    failureOf: (result: T) => Promise<string | undefined> = () => Promise.resolve(undefined),
  ): Promise<T> => {
    const key = circuitKeyOf(connection.id);
    const settings = breakerSettings(connection.config.breaker as never);
    const ticket = await enterCircuit(key, `connection "${connection.name}"`);
    const limit = rateLimitSchema.safeParse(connection.config.rateLimit);
    const interval = limit.success ? intervalMs(limit.data) : 0;
    await acquire(key, interval, signal);
    let result: T;
    try {
      result = await call(() => spacing(key, interval, limit.success ? lateStartMs(limit.data) : 0, signal));
    } catch (error) {
      if (!isBlocked(error)) await reportCall(ticket, false, settings, redactor.text(describe(error)));
      throw error;
    }
    const failure = await failureOf(result);
    await reportCall(ticket, failure === undefined, settings, failure);
    return result;
  };

  const services: AttemptServices = {
    redactor,

    async connectionSettings(connectionId, types) {
      const connection = await loadAllowedConnection(connectionId, types, "this node");
      return { name: connection.name, type: connection.type, config: connection.config };
    },

    async fetch(url, init) {
      const { connectionId, ...rest } = init;
      const headers = new Headers(rest.headers);
      const body = rest.body instanceof URLSearchParams ? rest.body.toString() : (rest.body as string | Uint8Array<ArrayBuffer> | undefined);
      try {
        if (!connectionId) {
          if (process.env.OUTBOUND_HOST_BREAKER === "off") return await guardedFetch(url, { ...rest, headers, body });
          const key = `host:${url.host}`;
          const ticket = await enterCircuit(key, url.host);
          const settings = breakerSettings();
          try {
            const response = await guardedFetch(url, { ...rest, headers, body });
            const failure = await httpFailure(response, redactor);
            await reportCall(ticket, failure === undefined, settings, failure);
            return response;
          } catch (error) {
            if (!isBlocked(error)) await reportCall(ticket, false, settings, describe(error));
            throw error;
          }
        }
        const connection = await loadAllowedConnection(connectionId, HTTP_CONNECTION_TYPES, "an HTTP request");
        const target = new URL(url);
        return await guarded(
          connection,
          rest.signal ?? undefined,
          async (gate) => {
            const auth = await applyHttpAuth(connection, target, headers, body, rest.signal ?? undefined);
            redactor.add(auth.secretValues);
            const response = await guardedFetch(auth.url, { ...rest, headers: auth.headers, body }, { beforeHop: gate });
            if (response.status === 401 && connection.type === "oauth2") forgetToken(connection.id);
            if (response.status === 429) {
              const wait = retryAfterMs(response.headers.get("retry-after"));
              if (wait) await pushBack(circuitKeyOf(connection.id), Date.now() + wait);
            }
            return response;
          },
          (response) => httpFailure(response, redactor),
        );
      } catch (error) {
        throw redactor.error(asNodeError(error));
      }
    },

    async sendEmail({ connectionId, signal, ...message }) {
      try {
        const connection = await loadAllowedConnection(connectionId, ["smtp"], "sending e-mail");
        return await guarded(connection, signal, async (gate) => {
          await gate();
          return sendEmail(connection, message);
        });
      } catch (error) {
        throw redactor.error(asNodeError(error));
      }
    },

    async runSql({ connectionId, dialect, statements, timeoutMs, signal }) {
      try {
        const connection = await loadAllowedConnection(connectionId, [dialect === "postgresql" ? "postgres" : "mysql"], dialect === "postgresql" ? "the PostgreSQL node" : "the MySQL node");
        return await guarded(connection, signal, async (gate) => {
          await gate();
          return runStatements(connection, statements, timeoutMs);
        });
      } catch (error) {
        throw redactor.error(asNodeError(error));
      }
    },

    async publishMessage({ connectionId, signal, ...request }) {
      try {
        const connection = await loadAllowedConnection(connectionId, QUEUE_CONNECTION_TYPES, "publishing a message");
        return await guarded(connection, signal, async (gate) => {
          await gate();
          return publish(connection, request);
        });
      } catch (error) {
        throw redactor.error(asNodeError(error));
      }
    },

    store: keyValueStore(workspaceId),
    transforms: transformServices,

    async publishEvent(event) {
      const { result, duplicate, runs } = await publishEvent(workspaceId, event);
      return { id: result.id, duplicate, runs };
    },

    respondToWebhook: (runId, response) => respondToWebhook(runId, response),

    importedOperation: (apiId, key) => findOperation(workspaceId, apiId, key),

    async startWorkflowRun({ workflowId, input, key }) {
      const workflow = await db().workflow.findFirst({ where: { id: workflowId, workspaceId }, select: { id: true, name: true, version: true } });
      if (!workflow) throw new NodeError(`Workflow ${workflowId} does not exist`, { retriable: false });
      const { runId, duplicate } = await startRun({ workspaceId, workflowId, workflowVersion: workflow.version, triggerKind: "subworkflow", trigger: input, idempotencyKey: key });
      return { runId, workflowName: workflow.name, duplicate };
    },
  };
  return services;
}

/**
 * What a breaker remembers of a failed answer (a 5xx or 408): its status and the start of its body,
 * so a later refusal can name the cause. Undefined for answers that count as successes.
 */
async function httpFailure(response: Response, redactor: Redactor): Promise<string | undefined> {
  if (response.status < 500 && response.status !== 408) return undefined;
  const body = await response
    .clone()
    .text()
    .catch(() => "");
  const excerpt = body.replace(/\s+/g, " ").trim().slice(0, 200);
  return redactor.text(`HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`);
}

function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) if (e instanceof type) return e;
  return undefined;
}

function isBlocked(error: unknown): boolean {
  return !!findCause(error, OutboundBlockedError);
}

function describe(error: unknown): string {
  const blocked = findCause(error, OutboundBlockedError);
  if (blocked) return blocked.message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.message ?? cause?.code ?? (error as Error).message ?? String(error);
}

/** SSRF refusals are not retried (they cannot change); other failures keep their error. */
function asNodeError(error: unknown): unknown {
  const blocked = findCause(error, OutboundBlockedError);
  if (blocked) return new NodeError(blocked.message, { retriable: false, details: { blocked: { host: blocked.host, address: blocked.address, range: blocked.range } } });
  if (error instanceof NodeError) return error;
  if ((error as Error)?.name === "AbortError" || (error as Error)?.name === "TimeoutError") return error;
  if (error instanceof Error && !(error instanceof TypeError)) return new NodeError(error.message);
  return error;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
