import { z } from "zod";
import { invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { suggestMapping } from "@/lib/ai/suggest-mapping";

export const dynamic = "force-dynamic";

const bodySchema = z
  .object({
    example: z.unknown().refine((value) => value !== undefined, "Send the input's example data"),
    target: z.union([z.array(z.object({ field: z.string().min(1, "Name the field"), description: z.string().optional() }).strict()).min(1, "List at least one target field").max(200), z.record(z.string(), z.unknown())]),
  })
  .strict();

/** "Suggest mapping": `{ example, target }` (target fields, or a JSON Schema) → `{ mappings: [{ field, value, reason }] }`. 409 while AI assistance is off. */
export const POST = secured("editor", async (request, _context, access) => {
  const parsed = bodySchema.safeParse(await readJson(request));
  if (!parsed.success) throw invalid(parsed.error);
  return json({ mappings: await suggestMapping(access.workspaceId, parsed.data) });
});
