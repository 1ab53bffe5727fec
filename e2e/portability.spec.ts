import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";

test("a workflow is exported as a file, imported into a second workspace with its connection mapped, pasted as JSON and duplicated", async ({ page, request }) => {
  const stamp = Date.now();
  const crm = (await (await request.post("/api/connections", { data: { name: `CRM ${stamp}`, type: "bearer", config: {}, secrets: { token: "first-workspace-token" } } })).json()) as { id: string };
  const created = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: `Customer lookup ${stamp}`,
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
        { id: "lookup", type: "action.http", name: "Look up", position: { x: 300, y: 0 }, config: { url: "https://crm.example.com/customers/{{ trigger.id }}", connectionId: crm.id } },
      ],
      edges: [{ id: "e1", source: "start", target: "lookup" }],
    },
  });
  const original = (await created.json()) as { id: string };

  // Export from the workflow menu: a file with the connection by type and name and no secret.
  await page.goto("/workflows");
  await page.getByRole("button", { name: `Actions for Customer lookup ${stamp}` }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Export as file" }).click()]);
  const file = readFileSync(await download.path(), "utf8");
  expect(download.suggestedFilename()).toBe(`Customer-lookup-${stamp}.switchboard.json`);
  expect(file).toContain(`"connectionId": "bearer:CRM ${stamp}"`);
  expect(file).not.toContain("first-workspace-token");

  // Duplicate from the same menu: a switched-off copy.
  await page.getByRole("button", { name: `Actions for Customer lookup ${stamp}` }).click();
  await page.getByRole("menuitem", { name: "Duplicate" }).click();
  await expect(page.getByRole("row").filter({ hasText: `Customer lookup ${stamp} (copy)` })).toBeVisible();

  // A second workspace with a connection of the same type and name: the import maps to it.
  // page.request shares the page's cookies, so the switch applies to the page.
  const workspace = (await (await page.request.post("/api/workspaces", { data: { name: `Production ${stamp}` } })).json()) as { workspaceId: string };
  expect((await page.request.post("/api/workspaces/active", { data: { workspaceId: workspace.workspaceId } })).ok()).toBe(true);
  await page.goto("/workflows");
  await page.getByRole("button", { name: "Import" }).click();
  let dialog = page.getByRole("dialog", { name: "Import a workflow" });
  await dialog.getByLabel("File").setInputFiles({ name: "workflow.json", mimeType: "application/json", buffer: Buffer.from(file) });
  // This workspace names its CRM connection differently: the dialog asks which connection to use.
  const productionCrm = (await (await page.request.post("/api/connections", { data: { name: `Production CRM ${stamp}`, type: "bearer", config: {}, secrets: { token: "second-workspace-token" } } })).json()) as { id: string };
  await dialog.getByRole("button", { name: "Import" }).click();
  const choose = dialog.getByRole("region", { name: "Connections to choose" });
  await expect(choose).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Import" })).toBeDisabled();
  await choose.getByRole("combobox", { name: `CRM ${stamp} (bearer)` }).click();
  await page.getByRole("option", { name: `Production CRM ${stamp}` }).click();
  await saveScreenshot(page, "import-dialog");
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  const importedId = page.url().split("/").pop()!;
  expect(importedId).not.toBe(original.id);
  const imported = (await (await page.request.get(`/api/workflows/${importedId}`)).json()) as { name: string; document: { nodes: { config: { connectionId?: string } }[] } };
  expect(imported.name).toBe(`Customer lookup ${stamp}`);
  expect(imported.document.nodes[1].config.connectionId).toBe(productionCrm.id);

  // A plain workflow document pasted as JSON becomes a new workflow.
  await page.goto("/workflows");
  await page.getByRole("button", { name: "Import" }).click();
  dialog = page.getByRole("dialog", { name: "Import a workflow" });
  await dialog.getByLabel("Or paste JSON").fill(JSON.stringify({ version: 1, name: `Pasted ${stamp}`, nodes: [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }], edges: [] }));
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  await expect(page.getByText("Manual trigger").first()).toBeVisible();
  expect(((await (await page.request.get(`/api/workflows/${page.url().split("/").pop()}`)).json()) as { name: string }).name).toBe(`Pasted ${stamp}`);
});

test("an n8n workflow pasted into Import is converted, with what was left out named in the dialog and on the canvas", async ({ page }) => {
  const stamp = Date.now();
  const n8n = {
    name: `From n8n ${stamp}`,
    nodes: [
      { parameters: {}, name: "When clicking ‘Test workflow’", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0] },
      { parameters: { assignments: { assignments: [{ id: "1", name: "greeting", value: "=Hello {{ $json.name }}", type: "string" }] }, options: {} }, name: "Edit Fields", type: "n8n-nodes-base.set", typeVersion: 3.4, position: [220, 0] },
      { parameters: { operation: "append", documentId: "sheet" }, name: "Google Sheets", type: "n8n-nodes-base.googleSheets", typeVersion: 4.5, position: [440, 0] },
    ],
    connections: {
      "When clicking ‘Test workflow’": { main: [[{ node: "Edit Fields", type: "main", index: 0 }]] },
      "Edit Fields": { main: [[{ node: "Google Sheets", type: "main", index: 0 }]] },
    },
  };
  await page.goto("/workflows");
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog", { name: "Import a workflow" });
  await dialog.getByLabel("Or paste JSON").fill(JSON.stringify(n8n));
  await dialog.getByRole("button", { name: "Import" }).click();
  const report = page.getByRole("dialog", { name: "Imported, with notes" });
  await expect(report.getByText("Converted 2 nodes from n8n")).toBeVisible();
  await expect(report.getByText("Google Sheets", { exact: true })).toBeVisible();
  await saveScreenshot(page, "import-n8n-report");
  await report.getByRole("button", { name: "Open the workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  const id = page.url().split("/").pop()!;
  const workflow = (await (await page.request.get(`/api/workflows/${id}`)).json()) as { active: boolean; document: { nodes: { type: string; config: Record<string, unknown> }[]; notes?: { text: string }[] } };
  expect(workflow.active).toBe(false);
  expect(workflow.document.nodes.map((n) => n.type)).toEqual(["trigger.manual", "transform.set"]);
  expect(workflow.document.nodes[1].config.changes).toEqual([{ op: "set", field: "greeting", value: "Hello {{ input.name }}" }]);
  await expect(page.getByText("Not imported: Google Sheets").first()).toBeVisible();
});
