import { publicOrigin } from "@/lib/api/http";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { WorkflowDetail } from "./repository";
import { maskSecrets } from "./secrets";

export function webhookUrl(request: Request, token: string): string {
  return `${publicOrigin(request)}/api/hooks/${token}`;
}

/** A workflow as the API answers it. */
export type WorkflowView = Omit<WorkflowDetail, "webhookToken"> & { webhookUrl?: string };

/**
 * The API shape of a workflow: everything but the raw token, plus `webhookUrl` when it has a webhook
 * trigger and the requester may start runs (viewers may not: the URL starts runs).
 */
export function presentWorkflow(request: Request, workflow: WorkflowDetail, role: Role): WorkflowView {
  const { webhookToken, document, ...rest } = workflow;
  const showUrl = workflow.triggerType === "trigger.webhook" && hasRole(role, "editor");
  return { ...rest, document: maskSecrets(document), ...(showUrl ? { webhookUrl: webhookUrl(request, webhookToken) } : {}) };
}
