import type { IncomingMessage, ServerResponse } from "node:http";
import { recordWebhookOutcome } from "@/lib/metrics";
import { readNodeBodyLimited } from "./body";
import { jsonReply, type WebhookReply, type WebhookRequest } from "./exchange";
import { handleWebhook } from "./handler";
import { handleTestWebhook } from "./test-event";

const PREFIX = "/api/hooks/";
/** The methods app/api/hooks/[token]/route.ts exports; others (HEAD, OPTIONS) are left to Next.js. */
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/** A workflow's test URL (app/api/hooks/[token]/test): answered here too, so a test event sees the same headers a delivery does. */
const TEST_SUFFIX = "/test";

/** Whether the request is a call to a webhook URL (production or test). */
export function isWebhookCall(request: IncomingMessage): boolean {
  return (request.url ?? "").startsWith(PREFIX) && METHODS.has(request.method ?? "");
}

/**
 * Webhook URLs answered on the server's own HTTP listener, before Next.js routing: the same
 * pipeline as the Next.js route, without the per-request cost of the framework (its router,
 * request objects and rendering context), which alone held intake to a few hundred calls a
 * second on a 2-core machine. Returns false for requests that are not webhook calls.
 */
export function serveWebhookCall(request: IncomingMessage, response: ServerResponse): boolean {
  const target = request.url ?? "";
  if (!isWebhookCall(request)) return false;
  const url = new URL(target, "http://localhost");
  let rest = url.pathname.slice(PREFIX.length).replace(/\/$/, "");
  const test = rest.endsWith(TEST_SUFFIX);
  if (test) rest = rest.slice(0, -TEST_SUFFIX.length);
  if (!rest || rest.includes("/")) return false;
  let token: string;
  try {
    token = decodeURIComponent(rest);
  } catch {
    return false;
  }
  // Malformed or NUL-bearing tokens go to Next.js, whose proxy answers them 404.
  if (token.includes("\u0000")) return false;
  void answer(request, response, url, token, test);
  return true;
}

async function answer(request: IncomingMessage, response: ServerResponse, url: URL, token: string, test: boolean) {
  let reply: WebhookReply;
  try {
    reply = await (test ? handleTestWebhook : handleWebhook)(toWebhookRequest(request, url), token);
  } catch (error) {
    recordWebhookOutcome("failed");
    console.error(`[api] ${request.method} ${url.pathname}`, error);
    reply = jsonReply({ error: "Internal server error" }, 500);
  }
  // Node.js drains a body left unread before reusing the connection; one over the limit is not
  // worth reading, so that connection closes instead.
  if (reply.status === 413) response.setHeader("connection", "close");
  response.writeHead(reply.status, reply.headers);
  response.end(reply.body ?? undefined);
}

function toWebhookRequest(request: IncomingMessage, url: URL): WebhookRequest {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    try {
      headers.append(raw[i], raw[i + 1]);
    } catch {
      // A header the Fetch API cannot hold (invalid characters) is left out, as Next.js does.
    }
  }
  return { method: request.method!, url, headers, readBody: (limit) => readNodeBodyLimited(request, limit) };
}
