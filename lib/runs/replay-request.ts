import { z } from "zod";
import { invalid, readJson } from "@/lib/api/http";
import { REPLAY_VERSIONS, type ReplayVersion } from "./replay";

const bodySchema = z.object({ version: z.enum(REPLAY_VERSIONS as ["run", "published"], { error: 'version is "run" or "published"' }).default("run") }).strict();

/** The optional body of a replay or rerun request: `{ version }`, "run" (the run's own version) when there is no body. */
export async function replayVersionOf(request: Request): Promise<ReplayVersion> {
  if (!(await request.clone().text()).trim()) return "run";
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  return body.data.version;
}
