import { z } from "zod";
import { invalid, json, readJson, route } from "@/lib/api/http";
import { requestActor } from "@/lib/runs/actions";
import { BULK_REPLAY_LIMIT, queueBulkReplay, REPLAY_MODES } from "@/lib/runs/replay";

export const dynamic = "force-dynamic";

const bodySchema = z
  .object({
    runIds: z.array(z.string().min(1).max(100)).min(1, "Select at least one run").max(BULK_REPLAY_LIMIT, `At most ${BULK_REPLAY_LIMIT} runs at once`),
    mode: z.enum(REPLAY_MODES as ["replay", "rerun"]).default("replay"),
  })
  .strict();

/** Queues replays (or reruns) of many runs; they start a few at a time. Answers 202 with what was queued and what was skipped. */
export const POST = route(async (request) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  return json(await queueBulkReplay(body.data.runIds, body.data.mode, requestActor(request)), 202);
});
