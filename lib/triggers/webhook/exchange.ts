import { readBodyLimited } from "./body";

/**
 * A webhook call as the pipeline (handler.ts) sees it, whichever server received it: Next.js
 * (app/api/hooks/[token]) or the server's own listener (node-intake.ts).
 */
export interface WebhookRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The raw body bytes; throws BodyTooLargeError past `limit` without reading the rest. */
  readBody(limit: number): Promise<Buffer>;
}

export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export function jsonReply(body: unknown, status: number, headers: Record<string, string> = {}): WebhookReply {
  return { status, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
}

export function fromFetchRequest(request: Request): WebhookRequest {
  return { method: request.method, url: new URL(request.url), headers: request.headers, readBody: (limit) => readBodyLimited(request, limit) };
}

export function toFetchResponse({ status, headers, body }: WebhookReply): Response {
  return new Response(body, { status, headers });
}
