import { ApiRequestError } from "@/lib/client/api";

/** Mirrors the API's rule for workflow names, so dialogs can say what is wrong before saving. */
const WORKFLOW_NAME_MAX_LENGTH = 200;

export function workflowNameError(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "Give the workflow a name";
  if (trimmed.length > WORKFLOW_NAME_MAX_LENGTH) return `Use at most ${WORKFLOW_NAME_MAX_LENGTH} characters`;
  return null;
}

/** The server's complaint about the name, when that is what it refused. */
export function serverNameError(error: unknown): string | null {
  if (!(error instanceof ApiRequestError)) return null;
  return error.issues.find((issue) => issue.path === "name")?.message ?? null;
}
