import { json, readJson, route } from "@/lib/api/http";
import { presentWorkflow } from "@/lib/workflows/present";
import { createWorkflow, listWorkflows } from "@/lib/workflows/repository";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ workflows: await listWorkflows() }));

export const POST = route(async (request) => json(presentWorkflow(request, await createWorkflow(await readJson(request))), 201));
