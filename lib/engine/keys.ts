import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { dataFilePath, dataFileSecret } from "@/lib/db/data-file-secret";

const KEY_FILE = "engine-signing-key";

/** The key file read last, by its path, with the change time and size it had then. */
const readKeys = new Map<string, { changed: number; size: number; key: string }>();

/**
 * The embedded engine signs its calls to /api/inngest like Inngest Cloud does, so the endpoint
 * is never an open door. The key comes from SWITCHBOARD_ENGINE_SIGNING_KEY or is generated once
 * into the data directory. The engine signs every call with the file's key as it is then (a key
 * put right takes effect at the next call), so the file is read again only when a stat says it
 * changed: a stat is 3 µs here, the read 10 µs (1.6-1.8% of an execution process's CPU under
 * bench:webhook).
 */
export function embeddedSigningKey(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_ENGINE_SIGNING_KEY) return env.SWITCHBOARD_ENGINE_SIGNING_KEY;
  const file = dataFilePath(KEY_FILE, env);
  const stat = statSync(file, { throwIfNoEntry: false });
  const known = readKeys.get(file);
  if (stat && known && known.changed === stat.ctimeMs && known.size === stat.size) return known.key;
  const key = dataFileSecret(KEY_FILE, () => `signkey-prod-${randomBytes(32).toString("hex")}`, env);
  const written = stat ?? statSync(file);
  readKeys.set(file, { changed: written.ctimeMs, size: written.size, key });
  return key;
}
