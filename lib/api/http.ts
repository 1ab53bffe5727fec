import { NextResponse } from "next/server";
import type { ZodError } from "zod";
import { formatIssues } from "@/lib/document/schema";
import { jsonShapeProblem, MAX_JSON_DEPTH } from "@/lib/json-shape";

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers?: HeadersInit) {
  return NextResponse.json(body, { status, headers });
}

export function notFound(what: string) {
  return new ApiError(404, `${what} not found`);
}

export function invalid(error: ZodError, message = "Invalid input") {
  return new ApiError(400, message, formatIssues(error.issues));
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) throw new ApiError(400, "Request body is empty; send JSON", [{ path: "", message: "Expected a JSON body" }]);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "Request body is not valid JSON", [{ path: "", message: (error as Error).message }]);
  }
  const problem = jsonShapeProblem(body);
  if (problem) throw new ApiError(400, problem.kind === "depth" ? `Request body is nested deeper than ${MAX_JSON_DEPTH} levels` : "Request body has text that cannot be stored", [{ path: problem.path, message: problem.message }]);
  return body;
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Turns ApiErrors into their 4xx answers and anything unexpected into a logged 500. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      // A NUL character cannot reach the database (PostgreSQL refuses it in text): refuse it in the query string here.
      if (/%00/.test(new URL(request.url).search)) throw new ApiError(400, "Invalid query", [{ path: "query", message: "The query string has a NUL character (%00)" }]);
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) return json({ error: error.message, ...(error.issues ? { issues: error.issues } : {}) }, error.status);
      console.error(`[api] ${request.method} ${new URL(request.url).pathname}`, error);
      return json({ error: "Internal server error" }, 500);
    }
  };
}

/** The origin clients use to reach this server (for URLs shown to users, e.g. webhook URLs). */
export function publicOrigin(request: Pick<Request, "headers" | "url">): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, "");
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim() ?? new URL(request.url).protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  return `${proto}://${host}`;
}

export type IdParams = { params: Promise<{ id: string }> };
