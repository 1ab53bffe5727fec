import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow } from "../support/workflows";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

/** `npm run cli -- <args>` against a test server's database. */
async function cli(server: TestServer, ...args: string[]): Promise<string> {
  const { stdout } = await run(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: server.database.url, SWITCHBOARD_DATA_DIR: server.database.dataDir },
  });
  return stdout.trim();
}

const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));

describe("workflows as files: export and import between instances", () => {
  let staging: TestServer;
  let production: TestServer;

  beforeAll(async () => {
    [staging, production] = await Promise.all([startTestServer("sqlite"), startTestServer("postgresql")]);
  });

  afterAll(async () => {
    await Promise.all([staging?.stop(), production?.stop()]);
  });

  it("exports a workspace to stable files and imports them into another instance once, mapping connections by name", async () => {
    const crm = await staging.api<{ id: string }>("/api/connections", { body: { name: "CRM", type: "bearer", config: {}, secrets: { token: "staging-token-1234" } } });
    const lookup = await createWorkflow(staging, chain("Look up customer", [{ id: "start", type: "trigger.manual", config: {} }, { id: "lookup", type: "action.http", config: { url: "https://crm.example.com/customers/{{ trigger.id }}", connectionId: crm.body.id } }]));
    const hook = await createWorkflow(staging, chain("Order hook", [{ id: "hook", type: "trigger.webhook", config: {} }, { id: "shape", type: "transform.map", config: { expression: "{ \"id\": trigger.body.id }" } }]));
    await staging.api(`/api/workflows/${hook.id}`, { method: "PATCH", body: { active: false } });

    const exported = mkdtempSync(path.join(tmpdir(), "switchboard-export-"));
    expect(await cli(staging, "export", "--dir", exported)).toContain("Exported 2 workflow(s)");
    const written = files(exported);
    expect(Object.keys(written)).toEqual([`${lookup.id}.json`, `${hook.id}.json`].sort());
    const lookupFile = written[`${lookup.id}.json`];
    expect(lookupFile.endsWith("}\n")).toBe(true);
    expect(JSON.parse(lookupFile)).toMatchObject({ format: "switchboard.workflow", id: lookup.id, active: true, connections: { "bearer:CRM": { type: "bearer", name: "CRM" } } });
    expect(lookupFile).toContain('"connectionId": "bearer:CRM"');
    expect(lookupFile).not.toContain(crm.body.id);
    expect(lookupFile).not.toContain("staging-token-1234");
    // The API serves the same bytes.
    expect(await (await fetch(`${staging.url}/api/workflows/${lookup.id}/export`, { headers: staging.authHeaders })).text()).toBe(lookupFile);

    // Production lacks the connection: the import names it and writes nothing.
    await expect(cli(production, "import", "--dir", exported)).rejects.toThrow(/Choose or create these connections: CRM \(bearer\)/);
    expect((await production.api<{ workflows: unknown[] }>("/api/workflows")).body.workflows).toEqual([]);

    const productionCrm = await production.api<{ id: string }>("/api/connections", { body: { name: "CRM", type: "bearer", config: {}, secrets: { token: "production-token-9876" } } });
    expect(await cli(production, "import", "--dir", exported)).toContain("2 created, 0 updated, 0 unchanged");
    expect(await cli(production, "import", "--dir", exported)).toContain("0 created, 0 updated, 2 unchanged");
    const imported = await production.api<{ active: boolean; version: number; document: { nodes: { config: { connectionId?: string } }[] } }>(`/api/workflows/${lookup.id}`);
    expect(imported.body.document.nodes[1].config.connectionId).toBe(productionCrm.body.id);
    expect(imported.body.version).toBe(1);
    expect((await production.api<{ active: boolean }>(`/api/workflows/${hook.id}`)).body.active).toBe(false);

    // Round trip: production exports exactly the bytes staging did.
    const again = mkdtempSync(path.join(tmpdir(), "switchboard-export-"));
    await cli(production, "export", "--dir", again);
    expect(files(again)).toEqual(written);

    // A change in staging promotes as one new version; the API import answers the same way.
    await staging.api(`/api/workflows/${lookup.id}`, { method: "PUT", body: { ...chain("Look up customer", [{ id: "start", type: "trigger.manual", config: {} }, { id: "lookup", type: "action.http", config: { url: "https://crm.example.com/v2/customers/{{ trigger.id }}", connectionId: crm.body.id } }]) } });
    const changed = await (await fetch(`${staging.url}/api/workflows/${lookup.id}/export`, { headers: staging.authHeaders })).json();
    expect((await production.api("/api/workflows/import", { body: changed })).body).toEqual({ id: lookup.id, outcome: "updated" });
    expect((await production.api("/api/workflows/import", { body: changed })).body).toEqual({ id: lookup.id, outcome: "unchanged" });
    expect((await production.api<{ version: number }>(`/api/workflows/${lookup.id}`)).body.version).toBe(2);
    expect((await production.api<{ issues: { path: string }[] }>("/api/workflows/import", { body: { nope: true } })).body.issues).toEqual([expect.objectContaining({ path: "format" })]);
  });

  it("imports a file with its connections mapped to differently named ones, and n8n and workflow-kit workflows switched off", async () => {
    const billing = await staging.api<{ id: string }>("/api/connections", { body: { name: "Billing", type: "bearer", config: {}, secrets: { token: "billing-token-5555" } } });
    const charge = await createWorkflow(staging, chain("Charge", [{ id: "start", type: "trigger.manual", config: {} }, { id: "charge", type: "action.http", config: { method: "POST", url: "https://billing.example.com/charges", connectionId: billing.body.id } }]));
    const file = await (await fetch(`${staging.url}/api/workflows/${charge.id}/export`, { headers: staging.authHeaders })).json();

    const payments = await production.api<{ id: string }>("/api/connections", { body: { name: "Payments API", type: "bearer", config: {}, secrets: { token: "payments-token-7777" } } });
    const basic = await production.api<{ id: string }>("/api/connections", { body: { name: "Legacy", type: "basic", config: { username: "u" }, secrets: { password: "p" } } });
    const refused = await production.api<{ error: string; issues: { path: string; message: string }[] }>("/api/workflows/import", { body: file });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: "connections.bearer:Billing", message: expect.stringContaining("Billing (bearer)") }]);
    const wrongType = await production.api<{ issues: { path: string; message: string }[] }>("/api/workflows/import", { body: { file, connectionMap: { "bearer:Billing": basic.body.id } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.issues).toEqual([{ path: "connectionMap.bearer:Billing", message: expect.stringContaining("Choose a bearer connection") }]);
    const mapped = await production.api<{ id: string; outcome: string }>("/api/workflows/import", { body: { file, connectionMap: { "bearer:Billing": payments.body.id } } });
    expect(mapped.status).toBe(201);
    const stored = await production.api<{ document: { nodes: { config: { connectionId?: string } }[] } }>(`/api/workflows/${mapped.body.id}`);
    expect(stored.body.document.nodes[1].config.connectionId).toBe(payments.body.id);

    // n8n: converted and published when it can be; JavaScript that does not translate keeps it a draft, each problem named.
    const n8n = {
      name: "Lead scoring",
      nodes: [
        { name: "Webhook", type: "n8n-nodes-base.webhook", typeVersion: 2, position: [0, 0], parameters: { httpMethod: "POST", path: "leads" } },
        { name: "Hot?", type: "n8n-nodes-base.if", typeVersion: 2, position: [200, 0], parameters: { conditions: { conditions: [{ leftValue: "={{ $json.body.tags.map(t => t.toLowerCase()) }}", rightValue: "hot", operator: { type: "array", operation: "contains" } }], combinator: "and" } } },
        { name: "Tell CRM", type: "n8n-nodes-base.httpRequest", typeVersion: 4.2, position: [400, 0], parameters: { method: "POST", url: "https://crm.example.com/leads", sendBody: true, specifyBody: "json", jsonBody: "={{ $json.body }}" } },
      ],
      connections: { Webhook: { main: [[{ node: "Hot?", type: "main", index: 0 }]] }, "Hot?": { main: [[{ node: "Tell CRM", type: "main", index: 0 }]] } },
    };
    const converted = await production.api<{ id: string; outcome: string; report: { source: string; converted: unknown[]; review: { node: string; message: string }[] }; problems: { message: string }[] }>("/api/workflows/import", { body: n8n });
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ outcome: "created", report: { source: "n8n", converted: [expect.anything(), expect.anything(), expect.anything()] } });
    expect(converted.body.report.review).toEqual(expect.arrayContaining([{ node: "Hot?", message: expect.stringContaining("needs rewriting as JSONata") }]));
    expect(converted.body.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Hot\? \(hot\): Condition: /)]);
    const draft = await production.api<{ active: boolean; version: number; document: { nodes: { type: string }[] }; draft: { nodes: { type: string; config: Record<string, unknown> }[] } }>(`/api/workflows/${converted.body.id}`);
    expect(draft.body).toMatchObject({ active: false, version: 1 });
    expect(draft.body.document.nodes.map((n) => n.type)).toEqual(["trigger.webhook"]);
    expect(draft.body.draft.nodes.map((n) => n.type)).toEqual(["trigger.webhook", "flow.if", "action.http"]);
    expect(draft.body.draft.nodes[2].config).toMatchObject({ body: "{{ input.body }}", bodyType: "json" });

    const kit = await production.api<{ id: string; problems: unknown[] }>("/api/workflows/import", {
      body: { name: "Kit flow", metadata: { event: "post.updated" }, actions: [{ id: "shape", kind: "transform.map", inputs: { expression: '{ "title": trigger.data.title }' } }], edges: [{ from: "$source", to: "shape" }] },
    });
    expect(kit.status).toBe(201);
    expect(kit.body.problems).toEqual([]);
    const kitWorkflow = await production.api<{ active: boolean; draft: unknown; document: { nodes: { id: string; type: string }[] } }>(`/api/workflows/${kit.body.id}`);
    expect(kitWorkflow.body).toMatchObject({ active: false, draft: null });
    expect(kitWorkflow.body.document.nodes.map((n) => `${n.id}:${n.type}`)).toEqual(["trigger:trigger.event", "shape:transform.map"]);
  });
});
