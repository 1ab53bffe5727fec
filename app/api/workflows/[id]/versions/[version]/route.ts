import { json, notFound } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { db } from "@/lib/db/client";
import type { WorkflowDocument } from "@/lib/document/schema";
import { maskSecrets } from "@/lib/workflow-store/secrets";
import { parseVersion } from "@/lib/workflow-store/versions";

export const dynamic = "force-dynamic";

type VersionParams = { params: Promise<{ id: string; version: string }> };

/** One saved version of a workflow's document (secrets masked), e.g. the one a run executed. */
export const GET = secured("viewer", async (_request, { params }: VersionParams, access) => {
  const { id, version } = await params;
  const number = parseVersion(version);
  const row = await db().workflowVersion.findFirst({ where: { workflowId: id, version: number, workflow: { workspaceId: access.workspaceId } } });
  if (!row) throw notFound("Workflow version");
  return json({ workflowId: id, version: number, createdAt: row.createdAt.toISOString(), document: maskSecrets(row.document as unknown as WorkflowDocument) });
});
