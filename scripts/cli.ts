/**
 * Switchboard's command line: `npm run cli -- <command>`.
 *
 *   rotate-secrets   re-encrypt every secret at rest (connections, secret fields of workflows and
 *                    their versions) with SWITCHBOARD_SECRET_KEY; the old key must be listed in
 *                    SWITCHBOARD_SECRET_KEYS_PREVIOUS while it runs (docs/deploy.md).
 *
 * Uses the same DATABASE_URL / SWITCHBOARD_DATA_DIR as the server.
 */
import { rotateSecrets } from "../lib/connections/rotate";
import { disconnectDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";

const commands: Record<string, () => Promise<void>> = {
  async "rotate-secrets"() {
    await migrateDatabase();
    const result = await rotateSecrets();
    console.log(`Re-encrypted with the current key: ${result.connections} connection(s), ${result.workflows} workflow(s), ${result.versions} workflow version(s).`);
  },
};

const name = process.argv[2];
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(`usage: npm run cli -- <${Object.keys(commands).join(" | ")}>`);
  process.exit(1);
}
command()
  .then(() => disconnectDb())
  .catch(async (error) => {
    console.error(error instanceof Error ? error.message : error);
    await disconnectDb().catch(() => undefined);
    process.exit(1);
  });
