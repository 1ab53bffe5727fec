import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";

test("a workflow is exported as a file, imported into a second workspace with its connection matched by name, pasted as JSON and duplicated", async ({ page, request }) => {
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
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog.getByRole("alert")).toContainText(`Create these connections first: CRM ${stamp} (bearer)`);
  const productionCrm = (await (await page.request.post("/api/connections", { data: { name: `CRM ${stamp}`, type: "bearer", config: {}, secrets: { token: "second-workspace-token" } } })).json()) as { id: string };
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
