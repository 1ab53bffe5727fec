import { z } from "zod";
import { invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { describeWorkflow } from "@/lib/ai/describe-workflow";
import { draftDocumentSchema } from "@/lib/document/schema";

export const dynamic = "force-dynamic";

const bodySchema = z
  .object({
    description: z.string().trim().min(10, "Describe the workflow in a sentence or more").max(4000, "At most 4,000 characters"),
    /** The editor's workflow, to be changed as described rather than built anew. */
    current: draftDocumentSchema.optional(),
  })
  .strict();

/** "Describe it": `{ description, current? }` → `{ document, problems, attempts }`, a workflow built (or `current` changed) by the workspace's model; nothing is saved. 409 while AI assistance is off. */
export const POST = secured("editor", async (request, _context, access) => {
  const parsed = bodySchema.safeParse(await readJson(request));
  if (!parsed.success) throw invalid(parsed.error);
  return json(await describeWorkflow(access.workspaceId, parsed.data.description, parsed.data.current));
});
