import { ApiError, json, publicOrigin, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { syncNewAppWebhook } from "@/lib/triggers/app-webhooks";
import { audit } from "@/lib/auth/audit";
import { convertForeignWorkflow } from "@/lib/workflow-store/foreign";
import { storeConvertedWorkflow } from "@/lib/workflow-store/import-foreign";
import { importWorkflow, type PortableWorkflow } from "@/lib/workflow-store/portable";

export const dynamic = "force-dynamic";

/**
 * Imports a workflow:
 * - an exported Switchboard file, as it is or as `{ file, connectionMap }` where `connectionMap`
 *   maps the file's connection references to this workspace's connections: `{ id, outcome:
 *   created | updated | unchanged }`; 400 with an issue at `connections.<reference>` for each
 *   connection that maps to nothing;
 * - an n8n or Inngest workflow-kit workflow, converted and created switched off: `{ id, outcome:
 *   "created", report, problems }` (the report names every node converted, left out or to check;
 *   problems are the draft's when the conversion could not be published as it is).
 */
export const POST = secured("editor", async (request, _context, access) => {
  const body = (await readJson(request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ApiError(400, "Send a workflow file: a JSON object", [{ path: "", message: "Expected a JSON object" }]);
  const wrapped = body.file && typeof body.file === "object" ? body : null;
  const file = (wrapped ? wrapped.file : body) as PortableWorkflow;
  if (file.format === "switchboard.workflow") {
    const connectionMap = wrapped?.connectionMap ?? {};
    if (typeof connectionMap !== "object" || Array.isArray(connectionMap) || Object.values(connectionMap as object).some((v) => typeof v !== "string")) {
      throw new ApiError(400, "Invalid connection mapping", [{ path: "connectionMap", message: "Map each connection reference to a connection id" }]);
    }
    const { id, outcome } = await importWorkflow(access.workspaceId, file, connectionMap as Record<string, string>);
    await syncNewAppWebhook(access.workspaceId, id, publicOrigin(request));
    if (outcome !== "unchanged") await audit(access.workspaceId, access.actor, outcome === "created" ? "workflow.create" : "workflow.update", id, { name: file.document.name, imported: true });
    return json({ id, outcome }, outcome === "created" ? 201 : 200);
  }
  const converted = convertForeignWorkflow(file);
  if (!converted) throw new ApiError(400, "Not a workflow we can import", [{ path: "format", message: 'Expected a Switchboard export ("format": "switchboard.workflow"), an n8n workflow or an Inngest workflow-kit workflow' }]);
  const stored = await storeConvertedWorkflow(access.workspaceId, converted.document, converted.report);
  await audit(access.workspaceId, access.actor, "workflow.create", stored.id, { name: converted.document.name, imported: converted.report.source });
  return json({ id: stored.id, outcome: "created", report: stored.report, problems: stored.problems }, 201);
});
