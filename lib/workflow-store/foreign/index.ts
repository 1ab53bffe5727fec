import { convertN8nWorkflow, isN8nWorkflow } from "./n8n";
import type { ForeignImport } from "./report";
import { convertWorkflowKit, isWorkflowKitWorkflow } from "./workflow-kit";

export type { ForeignImport, ImportReport } from "./report";

/** Another tool's workflow (n8n, Inngest workflow-kit) as a Switchboard document and a report; null when it is neither. */
export function convertForeignWorkflow(value: unknown): ForeignImport | null {
  if (isN8nWorkflow(value)) return convertN8nWorkflow(value);
  if (isWorkflowKitWorkflow(value)) return convertWorkflowKit(value);
  return null;
}
