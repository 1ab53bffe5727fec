import { json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { importWorkflow, type PortableWorkflow } from "@/lib/workflow-store/portable";

export const dynamic = "force-dynamic";

/** Imports an exported workflow file: `{ id, outcome: created | updated | unchanged }`; 400 names connections to create first. */
export const POST = secured("editor", async (request, _context, access) => {
  const file = (await readJson(request)) as PortableWorkflow;
  const { id, outcome } = await importWorkflow(access.workspaceId, file);
  if (outcome !== "unchanged") await audit(access.workspaceId, access.actor, outcome === "created" ? "workflow.create" : "workflow.update", id, { name: file.document.name, imported: true });
  return json({ id, outcome }, outcome === "created" ? 201 : 200);
});
