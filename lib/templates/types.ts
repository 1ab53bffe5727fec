import type { WorkflowDocument } from "@/lib/document/schema";

export type TemplateCategory = "Integrations" | "Reliability" | "Notifications" | "Sales";

/** A ready-made workflow shown in the gallery; `document` is what gets created. */
export interface WorkflowTemplate {
  /** Stable slug, unique among templates. */
  id: string;
  name: string;
  description: string;
  category: TemplateCategory;
  tags: string[];
  document: WorkflowDocument;
}
