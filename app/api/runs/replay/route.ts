import { z } from "zod";
import { invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { requestActor } from "@/lib/runs/actions";
import { BULK_REPLAY_LIMIT, queueBulkReplay, REPLAY_MODES, REPLAY_VERSIONS } from "@/lib/runs/replay";

export const dynamic = "force-dynamic";

const bodySchema = z
  .object({
    runIds: z.array(z.string().min(1).max(100)).min(1, "Select at least one run").max(BULK_REPLAY_LIMIT, `At most ${BULK_REPLAY_LIMIT} runs at once`),
    mode: z.enum(REPLAY_MODES as ["replay", "rerun"]).default("replay"),
    version: z.enum(REPLAY_VERSIONS as ["run", "published"]).default("run"),
  })
  .strict();

/** Queues replays (or reruns) of many runs; they start a few at a time. Answers 202 with what was queued and what was skipped. */
export const POST = secured("editor", async (request, _context, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  const result = await queueBulkReplay(access.workspaceId, body.data.runIds, body.data.mode, requestActor(request, access), body.data.version);
  if (result.queued.length) await audit(access.workspaceId, access.actor, body.data.mode === "rerun" ? "run.rerun" : "run.replay", null, { batchId: result.batchId, runIds: result.queued });
  return json(result, 202);
});
