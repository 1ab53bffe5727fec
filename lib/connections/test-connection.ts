import amqp from "amqplib";
import { connect as natsConnect } from "nats";
import { guardedFetch } from "@/lib/outbound/http";
import { Redactor } from "@/lib/outbound/redact";
import { OutboundBlockedError } from "@/lib/outbound/ssrf";
import { amqpOptions, assertHostsAllowed, CONNECT_TIMEOUT_MS, hostsOf, natsOptions, openRedis, smtpTransport } from "./clients";
import { runStatements } from "./databases";
import { applyHttpAuth, oauth2Token } from "./http-auth";
import { authorizationCodeToken } from "./oauth-code";
import { loadConnection, recordTestResult, type LoadedConnection } from "./store";
import { HTTP_CONNECTION_TYPES, type ConnectionTestResult } from "./types";

/**
 * "Test connection": one real call with the stored credentials (through the SSRF guard), and a
 * message that says what happened. Secret values never appear in the message.
 */
export async function testConnection(workspaceId: string, id: string): Promise<ConnectionTestResult> {
  const connection = await loadConnection(workspaceId, id);
  const redactor = new Redactor();
  redactor.add(Object.values(connection.secrets));
  const started = Date.now();
  let ok = false;
  let message: string;
  try {
    message = await probe(connection, redactor);
    ok = true;
  } catch (error) {
    message = describe(error);
  }
  message = redactor.text(message);
  await recordTestResult(id, ok, message);
  return { ok, message, durationMs: Date.now() - started };
}

async function probe(connection: LoadedConnection, redactor: Redactor): Promise<string> {
  const signal = AbortSignal.timeout(20_000);
  if (HTTP_CONNECTION_TYPES.includes(connection.type)) {
    let prefix = "";
    if (connection.type === "oauth2") {
      const token = await oauth2Token(connection, signal, true);
      redactor.add([token]);
      prefix = "Fetched an access token. ";
    }
    if (connection.type === "oauth2Code") {
      // Refreshes the token first when it is due; the test URL call below then uses it.
      redactor.add([await authorizationCodeToken(connection, signal)]);
      prefix = "Connected, with a valid access token. ";
    }
    // A model API lists its models at GET /models (OpenAI-compatible APIs and Anthropic alike).
    const testUrl = connection.type === "aiModel" ? `${String(connection.config.baseUrl).replace(/\/+$/, "")}/models` : (connection.config.testUrl as string | undefined);
    if (!testUrl) {
      if (prefix) return prefix.trim();
      throw new Error("Set a Test URL to test this connection");
    }
    const auth = await applyHttpAuth(connection, new URL(testUrl), new Headers({ accept: "application/json" }), undefined, signal);
    redactor.add(auth.secretValues);
    const response = await guardedFetch(auth.url, { method: "GET", headers: auth.headers, signal }, { timeoutMs: 20_000 });
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new Error(`${prefix}GET ${auth.url.origin}${auth.url.pathname} answered ${response.status} ${response.statusText}`.trim());
    return `${prefix}GET ${auth.url.origin}${auth.url.pathname} answered ${response.status}`;
  }
  await assertHostsAllowed(hostsOf(connection));
  switch (connection.type) {
    case "smtp": {
      const transport = smtpTransport(connection);
      try {
        await transport.verify();
      } finally {
        transport.close();
      }
      return `Connected to ${String(connection.config.host)}:${String(connection.config.port)}${connection.config.username ? " and logged in" : ""}`;
    }
    case "amqp": {
      const model = await amqp.connect(amqpOptions(connection), { timeout: CONNECT_TIMEOUT_MS });
      const product = model.connection.serverProperties;
      await model.close().catch(() => undefined);
      return `Connected to ${product.product ?? "the broker"} ${product.version ?? ""}`.trim();
    }
    case "nats": {
      const nc = await natsConnect({ ...natsOptions(connection), reconnect: false });
      try {
        const jsm = await nc.jetstreamManager();
        const info = await jsm.getAccountInfo();
        return `Connected to NATS ${nc.info?.version ?? ""}; JetStream has ${info.streams} stream${info.streams === 1 ? "" : "s"}`;
      } catch (error) {
        if (/503|not enabled|no responders/i.test((error as Error).message)) throw new Error("Connected, but JetStream is not enabled on this server", { cause: error });
        throw error;
      } finally {
        await nc.close().catch(() => undefined);
      }
    }
    case "redis": {
      const client = await openRedis({ ...connection, config: { ...connection.config } });
      try {
        const pong = await client.ping();
        const info = await client.info("server");
        const version = /redis_version:(\S+)/.exec(info)?.[1];
        return `${pong}: connected to Redis ${version ?? ""}`.trim();
      } finally {
        client.disconnect();
      }
    }
    case "postgres":
    case "mysql": {
      const [result] = await runStatements(connection, [{ sql: "SELECT VERSION() AS version", params: [] }], 10_000);
      return `Connected: ${String(result.rows[0]?.version ?? "").split(" on ")[0]}`;
    }
    default:
      throw new Error(`Cannot test a ${connection.type} connection`);
  }
}

function describe(error: unknown): string {
  if (error instanceof OutboundBlockedError) return error.message;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof OutboundBlockedError) return cause.message;
  const code = (cause as { code?: string } | undefined)?.code ?? (error as { code?: string }).code;
  const message = (error as Error)?.message ?? String(error);
  if (message === "fetch failed" && cause) return `The request failed: ${(cause as Error).message ?? code}`;
  if ((error as Error)?.name === "TimeoutError" || (error as Error)?.name === "AbortError") return "No answer within 20 s";
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
