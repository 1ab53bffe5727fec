import { z } from "zod";
import { ApiError, invalid } from "@/lib/api/http";
import { db } from "@/lib/db/client";

/** A workspace's settings edited in the UI (Settings page, GET/PUT /api/settings). */
export const appSettingsSchema = z
  .object({
    /** Finished runs (with their steps, attempts and actions) are deleted this many days after they ended. */
    retentionDays: z.number().int().min(1, "Keep runs for at least 1 day").max(3650, "At most 3650 days (10 years)"),
    /** The AI model connection that "Describe it", "Suggest mapping" and "Explain this failure" use; null turns them off. */
    aiConnectionId: z.string().trim().min(1, "Choose an AI model connection").nullable(),
  })
  .strict();

export type AppSettings = z.output<typeof appSettingsSchema>;

export const DEFAULT_SETTINGS: AppSettings = { retentionDays: 30, aiConnectionId: null };

export async function getSettings(workspaceId: string): Promise<AppSettings> {
  const rows = await db().appSetting.findMany({ where: { workspaceId } });
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  // A stored value a newer build no longer accepts falls back to its default instead of failing.
  const merged = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof AppSettings)[]) {
    const parsed = appSettingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) (merged as Record<string, unknown>)[key] = parsed.data;
  }
  return merged;
}

/** Changes some settings; the others keep their values. */
export async function updateSettings(workspaceId: string, input: unknown): Promise<AppSettings> {
  const parsed = appSettingsSchema.partial().safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "Invalid settings");
  if (parsed.data.aiConnectionId) {
    const connection = await db().connection.findFirst({ where: { id: parsed.data.aiConnectionId, workspaceId }, select: { type: true } });
    if (connection?.type !== "aiModel") throw new ApiError(400, "Invalid settings", [{ path: "aiConnectionId", message: connection ? "Choose an AI model connection" : "No such connection in this workspace" }]);
  }
  const entries = Object.entries(parsed.data).filter(([, v]) => v !== undefined);
  // A setting set to null goes back to its default: its row is removed.
  await db().$transaction(
    entries.map(([key, value]) =>
      value === null
        ? db().appSetting.deleteMany({ where: { workspaceId, key } })
        : db().appSetting.upsert({ where: { workspaceId_key: { workspaceId, key } }, create: { workspaceId, key, value: value as never }, update: { value: value as never } }),
    ),
  );
  return getSettings(workspaceId);
}
