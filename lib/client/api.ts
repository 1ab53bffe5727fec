/** Browser-side calls to Switchboard's REST API (docs/api.md). */

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  const failure = data as { error?: string; issues?: ApiIssue[] } | null;
  if (!response.ok) throw new ApiRequestError(response.status, failure?.error ?? `Request failed (${response.status})`, failure?.issues ?? []);
  return data as T;
}

/** A message for a form: every field issue, each with its field unless the message already starts with it. */
export function describeIssues(error: unknown): string {
  if (!(error instanceof ApiRequestError) || !error.issues.length) return describeError(error);
  return error.issues.map((issue) => (!issue.path || issue.message.startsWith(`${issue.path}`) ? issue.message : `${issue.path}: ${issue.message}`)).join("; ");
}

/** A message for a toast: the error, and its first field issue when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError && error.issues.length) {
    const first = error.issues[0];
    return `${error.message}: ${first.path ? `${first.path}: ` : ""}${first.message}${error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}
