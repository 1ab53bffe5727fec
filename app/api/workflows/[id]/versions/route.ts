import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { listVersions } from "@/lib/workflow-store/versions";

export const dynamic = "force-dynamic";

/** The workflow's published versions, newest first: `{ versions: [{ version, message, createdBy, createdAt, nodeCount }] }`. */
export const GET = secured("viewer", async (_request, { params }: IdParams, access) => json({ versions: await listVersions(access.workspaceId, (await params).id) }));
