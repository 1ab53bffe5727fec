/**
 * Switchboard's command line: `npm run cli -- <command>`.
 *
 *   create-user --email <e> --password <p> [--name <n>]
 *                    creates an account (the first one owns the first workspace, later ones a
 *                    workspace of their own); works while sign-up is invite-only.
 *   create-api-key --email <e> --name <n> [--role owner|editor|viewer] [--workspace <id>]
 *                    creates an API key in the user's (first) workspace and prints only the key on
 *                    its last line (it is stored hashed and cannot be shown again).
 *   rotate-secrets   re-encrypt every secret at rest (connections, secret fields of workflows and
 *                    their versions) with SWITCHBOARD_SECRET_KEY; the old key must be listed in
 *                    SWITCHBOARD_SECRET_KEYS_PREVIOUS while it runs (docs/deploy.md).
 *
 * Uses the same DATABASE_URL / SWITCHBOARD_DATA_DIR as the server.
 */
import { parseArgs } from "node:util";
import { createUser, createUserApiKey } from "../lib/auth/cli";
import { rotateSecrets } from "../lib/connections/rotate";
import { disconnectDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";

function options(spec: Record<string, { required?: boolean }>): Record<string, string | undefined> {
  const { values } = parseArgs({ args: process.argv.slice(3), options: Object.fromEntries(Object.keys(spec).map((key) => [key, { type: "string" as const }])) });
  for (const [key, { required }] of Object.entries(spec)) if (required && !values[key]) throw new Error(`--${key} is required`);
  return values;
}

const commands: Record<string, () => Promise<void>> = {
  async "create-user"() {
    const args = options({ email: { required: true }, password: { required: true }, name: {} });
    await migrateDatabase();
    const result = await createUser({ email: args.email!, password: args.password!, name: args.name });
    console.log(`Created ${result.email}: ${result.role} of workspace "${result.name}" (${result.workspaceId}).`);
  },
  async "create-api-key"() {
    const args = options({ email: { required: true }, name: { required: true }, role: {}, workspace: {} });
    await migrateDatabase();
    const key = await createUserApiKey({ email: args.email!, name: args.name!, role: args.role, workspaceId: args.workspace });
    console.log(key);
  },
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
