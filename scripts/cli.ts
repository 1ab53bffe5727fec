/**
 * Switchboard's command line: `npm run cli -- <command>`.
 *
 *   create-user --email <e> --password <p> [--name <n>]
 *                    creates an account (the first one owns the first workspace, later ones a
 *                    workspace of their own); works while sign-up is invite-only.
 *   create-api-key --email <e> --name <n> [--role owner|editor|viewer] [--workspace <id>]
 *                    creates an API key in the user's (first) workspace and prints only the key on
 *                    its last line (it is stored hashed and cannot be shown again).
 *   export --dir <d> [--workspace <id>]
 *                    writes every workflow of the workspace (default: the first one) to <d>/<id>.json:
 *                    sorted keys, secrets masked, connections named by type and name; diff-friendly.
 *   import --dir <d> [--workspace <id>]
 *                    creates or updates the workflows of <d>/*.json (by id); importing the same
 *                    directory twice changes nothing; connections must exist by type and name.
 *   rotate-secrets   re-encrypt every secret at rest (connections, secret fields of workflows and
 *                    their versions) with SWITCHBOARD_SECRET_KEY; the old key must be listed in
 *                    SWITCHBOARD_SECRET_KEYS_PREVIOUS while it runs (docs/deploy.md).
 *
 * Uses the same DATABASE_URL / SWITCHBOARD_DATA_DIR as the server.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createUser, createUserApiKey } from "../lib/auth/cli";
import { rotateSecrets } from "../lib/connections/rotate";
import { disconnectDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { DEFAULT_WORKSPACE_ID } from "../lib/auth/workspaces";
import { listWorkflows } from "../lib/workflow-store/repository";
import { exportWorkflow, importWorkflow, portableText, type ImportOutcome, type PortableWorkflow } from "../lib/workflow-store/portable";

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
  async export() {
    const args = options({ dir: { required: true }, workspace: {} });
    await migrateDatabase();
    const workspaceId = args.workspace ?? DEFAULT_WORKSPACE_ID;
    mkdirSync(args.dir!, { recursive: true });
    const workflows = await listWorkflows(workspaceId);
    for (const workflow of workflows) writeFileSync(path.join(args.dir!, `${workflow.id}.json`), portableText(await exportWorkflow(workspaceId, workflow.id)));
    console.log(`Exported ${workflows.length} workflow(s) of workspace ${workspaceId} to ${args.dir}.`);
  },
  async import() {
    const args = options({ dir: { required: true }, workspace: {} });
    await migrateDatabase();
    const workspaceId = args.workspace ?? DEFAULT_WORKSPACE_ID;
    const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
    for (const file of readdirSync(args.dir!).filter((f) => f.endsWith(".json")).sort()) {
      try {
        counts[(await importWorkflow(workspaceId, JSON.parse(readFileSync(path.join(args.dir!, file), "utf8")) as PortableWorkflow)).outcome] += 1;
      } catch (error) {
        const issues = (error as { issues?: { path: string; message: string }[] }).issues;
        throw new Error(`${file}: ${(error as Error).message}${issues?.length ? ` (${issues.map((i) => `${i.path}: ${i.message}`).join("; ")})` : ""}`, { cause: error });
      }
    }
    console.log(`Imported into workspace ${workspaceId}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged.`);
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
