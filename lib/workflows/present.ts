import { publicOrigin } from "@/lib/api/http";
import type { WorkflowDetail } from "./repository";
import { maskSecrets } from "./secrets";

export function webhookUrl(request: Request, token: string): string {
  return `${publicOrigin(request)}/api/hooks/${token}`;
}

/** The API shape of a workflow: everything but the raw token, plus `webhookUrl` when it has a webhook trigger. */
export function presentWorkflow(request: Request, workflow: WorkflowDetail) {
  const { webhookToken, document, ...rest } = workflow;
  return { ...rest, document: maskSecrets(document), ...(workflow.triggerType === "trigger.webhook" ? { webhookUrl: webhookUrl(request, webhookToken) } : {}) };
}
