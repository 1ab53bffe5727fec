import { publicOrigin, type ApiIssue } from "@/lib/api/http";
import { hasRole, type Role } from "@/lib/auth/roles";
import { receivesWebhooks } from "@/lib/nodes";
import type { WorkflowDetail } from "./repository";
import { maskSecrets } from "./secrets";

export function webhookUrl(request: Request, token: string): string {
  return hookUrl(publicOrigin(request), token);
}

/** A webhook URL under an origin (the public one, or the request's). */
export function hookUrl(origin: string, token: string): string {
  return `${origin}/api/hooks/${token}`;
}

/** A workflow as the API answers it. */
export type WorkflowView = Omit<WorkflowDetail, "webhookToken"> & { webhookUrl?: string };

/**
 * The API shape of a workflow: everything but the raw token, plus `webhookUrl` when it has a webhook
 * trigger and the requester may start runs (viewers may not: the URL starts runs).
 */
export function presentWorkflow(request: Request, workflow: WorkflowDetail, role: Role): WorkflowView {
  const { webhookToken, document, draft, ...rest } = workflow;
  const showUrl = !!workflow.triggerType && receivesWebhooks(workflow.triggerType) && hasRole(role, "editor");
  return { ...rest, document: maskSecrets(document), draft: draft && maskSecrets(draft), ...(showUrl ? { webhookUrl: webhookUrl(request, webhookToken) } : {}) };
}

/** The answer to saving a draft: the workflow, and what must be fixed before it can be published (named by node). */
export interface DraftView {
  workflow: WorkflowView;
  problems: ApiIssue[];
}
