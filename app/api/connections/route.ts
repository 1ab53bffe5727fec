import { json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { hasRole } from "@/lib/auth/roles";
import { createConnection, listConnections } from "@/lib/connections/store";

export const dynamic = "force-dynamic";

/** Viewers see which connections exist (names and types), not their settings. */
export const GET = secured("viewer", async (_request, _context, access) => {
  const connections = await listConnections(access.workspaceId);
  if (hasRole(access.role, "editor")) return json({ connections });
  return json({ connections: connections.map(({ id, name, type }) => ({ id, name, type })) });
});

export const POST = secured("editor", async (request, _context, access) => {
  const connection = await createConnection(access.workspaceId, await readJson(request));
  await audit(access.workspaceId, access.actor, "connection.create", connection.id, { name: connection.name, type: connection.type });
  return json(connection, 201);
});
