import { Globe } from "lucide-react";
import { z } from "zod";
import { NodeError } from "./errors";
import { circuitFallbackField, optionalConnectionField, valueAtPath } from "./outbound-fields";
import { defineNode, type NodeServices } from "./types";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
const HTTP_CONNECTIONS = ["apiKey", "bearer", "basic", "oauth2", "hmac"];

const paginationSchema = z
  .object({
    mode: z.enum(["next-link", "cursor"]).meta({ title: "Pagination", description: "next-link: follow a next URL; cursor: send the next cursor as a query parameter." }),
    nextPath: z
      .string()
      .trim()
      .optional()
      .meta({ title: "Next link path", description: 'Where the next URL is in the body, e.g. "links.next". Empty: the Link header’s rel="next".' }),
    cursorPath: z.string().trim().optional().meta({ title: "Cursor path", description: 'Where the next cursor is in the body, e.g. "meta.next_cursor".' }),
    cursorParam: z.string().trim().optional().meta({ title: "Cursor parameter", description: 'The query parameter that carries the cursor, e.g. "cursor".' }),
    itemsPath: z.string().trim().optional().meta({ title: "Items path", description: 'Where each page’s items are, e.g. "data". The output collects them in "items".' }),
    maxPages: z.number().int().min(1).max(1000).default(10).meta({ title: "Max pages" }),
  })
  .refine((p) => p.mode !== "cursor" || (p.cursorPath && p.cursorParam), { message: "Cursor pagination needs a cursor path and a cursor parameter", path: ["cursorPath"] });

/**
 * Calls an HTTP endpoint. Output: `{ status, headers, body }` (body parsed as JSON when it is
 * JSON, text, or base64 for binary); with pagination `{ status, headers, pages, items, body }`.
 */
export const httpAction = defineNode({
  type: "action.http",
  kind: "step",
  category: "action",
  label: "HTTP request",
  description: "Call any REST API: method, URL, headers, query, a JSON, form or raw body; optional pagination.",
  icon: Globe,
  config: z.object({
    method: z.enum(METHODS).default("GET").meta({ title: "Method" }),
    url: z
      .string()
      .trim()
      .min(1, "Enter a URL")
      .refine((u) => u.includes("{{") || /^https?:\/\/[^\s]+$/i.test(u), "Use an http:// or https:// URL")
      .meta({ title: "URL", description: "Calls to localhost and private addresses are refused unless the server's OUTBOUND_ALLOWLIST allows them (e.g. 127.0.0.1/32,localhost)." }),
    connectionId: optionalConnectionField(HTTP_CONNECTIONS, "Credentials applied to the request on the server; they never appear in run history."),
    headers: z.record(z.string(), z.string()).optional().meta({ title: "Headers", widget: "keyvalue" }),
    query: z.record(z.string(), z.string()).optional().meta({ title: "Query parameters", widget: "keyvalue" }),
    bodyType: z
      .enum(["json", "form", "raw"])
      .default("json")
      .meta({ title: "Body type", description: "json: sent as application/json; form: an object sent as application/x-www-form-urlencoded; raw: text sent as is." }),
    body: z.unknown().optional().meta({
      title: "JSON body",
      description:
        'Sent as JSON; {{ expressions }} may stand for values, e.g. { "id": {{ steps.set_1.id }} }, or for the whole body, e.g. {{ steps.set_1 }} (a text result is sent as it is). For form bodies an object of fields, for raw bodies a text.',
      widget: "json",
    }),
    contentType: z.string().trim().optional().meta({ title: "Raw content type", description: 'For raw bodies, e.g. "text/csv" (default text/plain).' }),
    responseType: z
      .enum(["auto", "json", "text", "binary"])
      .default("auto")
      .meta({ title: "Response as", description: "auto: JSON when the answer says so, else text; binary: base64 text." }),
    pagination: paginationSchema.optional().meta({ title: "Pagination" }),
    idempotencyKey: z
      .boolean()
      .default(false)
      .meta({ title: "Send Idempotency-Key", description: "A key derived from the run and node, the same on every retry, so the API can drop repeats." }),
    failOnErrorStatus: z
      .boolean()
      .default(true)
      .meta({ title: "Fail on error status", description: "Treat a non-2xx response as a step error." }),
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000).meta({ title: "Timeout (ms)" }),
    circuitFallback: circuitFallbackField,
  }),
  defaults: { method: "GET", url: "https://", failOnErrorStatus: true, timeoutMs: 30_000 },
  async execute({ config, signal, services, scope, nodeId }) {
    const first = buildUrl(config.url, config.query);
    const headers = new Headers(config.headers);
    const body = encodeBody(config, headers);
    const baseKey = `${scope.run.id}:${nodeId}`;
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const callSignal = AbortSignal.any([signal, timeout]);

    const call = async (url: URL, page: number) => {
      const pageHeaders = new Headers(headers);
      if (config.idempotencyKey) pageHeaders.set("idempotency-key", page === 1 ? baseKey : `${baseKey}:page-${page}`);
      const response = await send(services, url, { method: config.method, headers: pageHeaders, body, signal: callSignal, connectionId: config.connectionId }, timeout, config.timeoutMs);
      const output = { status: response.status, headers: Object.fromEntries(response.headers), body: await readBody(response, config.responseType) };
      if (!response.ok && config.failOnErrorStatus) {
        throw new NodeError(`${config.method} ${url.origin}${url.pathname} answered ${response.status} ${response.statusText}`.trim(), {
          retriable: isRetriableStatus(response.status),
          retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
          details: { response: output },
        });
      }
      return output;
    };

    const firstPage = await call(first, 1);
    if (!config.pagination) return { output: firstPage };

    const pagination = config.pagination;
    const items: unknown[] = [];
    const collect = (pageBody: unknown) => {
      const pageItems: unknown = pagination.itemsPath ? valueAtPath(pageBody, pagination.itemsPath) : pageBody;
      if (Array.isArray(pageItems)) items.push(...(pageItems as unknown[]));
      else if (pageItems !== undefined) items.push(pageItems);
    };
    let current = firstPage;
    let url = first;
    let pages = 1;
    collect(current.body);
    while (pages < pagination.maxPages) {
      const next = nextUrl(pagination, url, current);
      if (!next) break;
      url = next;
      pages += 1;
      current = await call(url, pages);
      collect(current.body);
    }
    return { output: { status: current.status, headers: current.headers, pages, items, body: current.body } };
  },
});

async function send(services: NodeServices, url: URL, init: RequestInit & { connectionId?: string }, timeout: AbortSignal, timeoutMs: number): Promise<Response> {
  try {
    return await services.fetch(url, { ...init, redirect: "follow" });
  } catch (error) {
    if (error instanceof NodeError) throw error;
    const reason = timeout.aborted ? `timed out after ${timeoutMs} ms` : describeFetchError(error);
    throw new NodeError(`${init.method} ${url.origin}${url.pathname} failed: ${reason}`);
  }
}

function encodeBody(config: { method: string; body?: unknown; bodyType: "json" | "form" | "raw"; contentType?: string }, headers: Headers): string | undefined {
  const hasBody = config.body !== undefined && config.body !== null && config.body !== "" && !["GET", "HEAD"].includes(config.method);
  if (!hasBody) return undefined;
  if (config.bodyType === "form") {
    if (typeof config.body !== "object" || Array.isArray(config.body)) throw new NodeError("A form body must be an object of fields", { retriable: false });
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(config.body as Record<string, unknown>)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, typeof item === "string" ? item : JSON.stringify(item));
    }
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
    return form.toString();
  }
  if (config.bodyType === "raw") {
    if (!headers.has("content-type")) headers.set("content-type", config.contentType || "text/plain");
    return typeof config.body === "string" ? config.body : JSON.stringify(config.body);
  }
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return typeof config.body === "string" ? config.body : JSON.stringify(config.body);
}

function nextUrl(pagination: z.output<typeof paginationSchema>, current: URL, page: { headers: Record<string, string>; body: unknown }): URL | null {
  if (pagination.mode === "cursor") {
    const cursor = valueAtPath(page.body, pagination.cursorPath!);
    if (cursor === undefined || cursor === null || cursor === "") return null;
    const next = new URL(current);
    next.searchParams.set(pagination.cursorParam!, String(cursor));
    return next;
  }
  const link = pagination.nextPath ? valueAtPath(page.body, pagination.nextPath) : linkHeaderNext(page.headers.link);
  if (typeof link !== "string" || !link) return null;
  try {
    return new URL(link, current);
  } catch {
    return null;
  }
}

/** The rel="next" target of an RFC 8288 Link header. */
export function linkHeaderNext(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /rel="?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2])) return match[1];
  }
  return null;
}

function buildUrl(base: string, query?: Record<string, string>): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new NodeError(`"${base}" is not a valid URL`, { retriable: false });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new NodeError(`Only http and https URLs are supported`, { retriable: false });
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, String(value));
  return url;
}

async function readBody(response: Response, as: "auto" | "json" | "text" | "binary"): Promise<unknown> {
  if (as === "binary") {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.length ? toBase64(bytes) : null;
  }
  const text = await response.text();
  if (!text) return null;
  if (as === "text") return text;
  if (as === "json" || (response.headers.get("content-type") ?? "").includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      if (as === "json") throw new NodeError(`The answer is not JSON: ${text.slice(0, 120)}`, { retriable: false });
      return text;
    }
  }
  return text;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** 4xx answers other than timeouts and rate limits will not change on a retry. */
export function isRetriableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
