import { json, route } from "@/lib/api/http";
import { db, dbKind } from "@/lib/db/client";
import { engineMode } from "@/lib/engine/mode";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  await db().$queryRawUnsafe("SELECT 1");
  return json({ status: "ok", database: dbKind(), engine: engineMode() });
});
