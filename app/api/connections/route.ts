import { json, readJson, route } from "@/lib/api/http";
import { createConnection, listConnections } from "@/lib/connections/store";

export const dynamic = "force-dynamic";

export const GET = route(async () => json({ connections: await listConnections() }));

export const POST = route(async (request) => json(await createConnection(await readJson(request)), 201));
