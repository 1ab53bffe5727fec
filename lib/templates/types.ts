import type { WorkflowDocument } from "@/lib/document/schema";
import type { TemplatePatternId } from "./patterns";

/** A ready-made workflow shown in the gallery; `document` is what gets created. */
export interface WorkflowTemplate {
  /** Stable slug, unique among templates. */
  id: string;
  name: string;
  description: string;
  /** The integration pattern the template teaches (lib/templates/patterns.ts); the gallery groups and filters by it. */
  pattern: TemplatePatternId;
  /**
   * What the template needs before it runs for real, in one line: connections to choose, a
   * system that calls its webhook, URLs to point at your own systems. Omitted when it runs as is.
   */
  needs?: string;
  tags: string[];
  document: WorkflowDocument;
}
