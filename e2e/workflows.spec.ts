import { expect, test, type APIRequestContext } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";

const WORKFLOW_URL = /\/workflows\/(wf_[0-9a-z]+)$/;

async function workflowFromApi(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/workflows/${id}`);
  return { status: response.status(), body: response.ok() ? await response.json() : null };
}

/** A workflow with a finished run, so the list shows a last-run badge next to the one under test. */
async function createWorkflowWithRun(request: APIRequestContext, name: string) {
  const created = await request.post("/api/workflows", {
    data: {
      version: 1,
      name,
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 80, y: 160 }, config: {} },
        { id: "shape", type: "transform.map", position: { x: 380, y: 160 }, config: { expression: '{ "total": 42 }' } },
      ],
      edges: [{ id: "start-shape", source: "start", target: "shape" }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  expect((await request.post(`/api/workflows/${id}/runs`, { data: { payload: {} } })).status()).toBe(202);
  await expect.poll(async () => (await workflowFromApi(request, id)).body?.lastRun?.status).toBe("completed");
}

test("a workflow is created from the dialog, then renamed, deactivated and deleted from the list", async ({ page, request }) => {
  const name = `Sync invoices ${Date.now()}`;
  const renamed = `${name} to accounting`;
  await createWorkflowWithRun(request, `Enrich new orders ${Date.now()}`);

  await page.goto("/workflows");
  await page.getByRole("button", { name: "New workflow" }).click();
  const createDialog = page.getByRole("dialog", { name: "New workflow" });
  await createDialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(createDialog.getByText("Give the workflow a name")).toBeVisible();
  await expect(createDialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

  await createDialog.getByLabel("Name").fill(name);
  await expect(createDialog.getByRole("radio", { name: "Manual trigger" })).toBeChecked();
  await createDialog.getByRole("radio", { name: "Webhook" }).click();
  await expect(createDialog.getByRole("radio", { name: "Webhook" })).toBeChecked();
  await createDialog.getByRole("button", { name: "Create workflow" }).click();

  await expect(page).toHaveURL(WORKFLOW_URL);
  const id = WORKFLOW_URL.exec(page.url())![1];
  const created = await workflowFromApi(request, id);
  expect(created.body).toMatchObject({ name, active: true, triggerType: "trigger.webhook", nodeCount: 1 });
  expect(created.body.document.nodes).toEqual([{ id: "trigger", type: "trigger.webhook", position: { x: 80, y: 160 }, config: {} }]);
  expect(created.body.webhookUrl).toContain("/api/hooks/");

  await page.goto("/workflows");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row.getByRole("cell").nth(1)).toContainText("Webhook");
  await expect(row.getByRole("cell").nth(3)).toHaveText("1");
  await expect(row).toContainText("Never run");

  // Rename: the dialog refuses an empty name inline, then saves.
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Rename" }).click();
  const renameDialog = page.getByRole("dialog", { name: "Rename workflow" });
  await expect(renameDialog.getByLabel("Name")).toHaveValue(name);
  await renameDialog.getByLabel("Name").fill("   ");
  await expect(renameDialog.getByText("Give the workflow a name")).toBeVisible();
  await expect(renameDialog.getByRole("button", { name: "Save" })).toBeDisabled();
  await renameDialog.getByLabel("Name").fill(renamed);
  await renameDialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`Renamed to “${renamed}”`)).toBeVisible();
  await expect(renameDialog).toBeHidden();
  await expect(page.getByRole("link", { name: renamed, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Actions for ${renamed}` })).toBeFocused();
  const afterRename = await workflowFromApi(request, id);
  expect(afterRename.body).toMatchObject({ name: renamed, version: 2 });
  expect(afterRename.body.document.name).toBe(renamed);

  // Deactivate.
  const activeSwitch = page.getByRole("switch", { name: `Active: ${renamed}` });
  await expect(activeSwitch).toBeChecked();
  await activeSwitch.click();
  await expect(activeSwitch).not.toBeChecked();
  await expect.poll(async () => (await workflowFromApi(request, id)).body.active).toBe(false);
  await page.reload();
  await expect(page.getByRole("switch", { name: `Active: ${renamed}` })).not.toBeChecked();
  await expect(page.getByText("Completed").first()).toBeVisible();
  await saveScreenshot(page, "workflows-list");

  // Delete, after a confirmation that names the workflow.
  await page.getByRole("button", { name: `Actions for ${renamed}` }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete “${renamed}”?` });
  await confirm.getByRole("button", { name: "Delete workflow" }).click();
  await expect(page.getByText(`Deleted “${renamed}”`)).toBeVisible();
  await expect(page.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
  expect((await workflowFromApi(request, id)).status).toBe(404);
});

test("a refused active toggle flips back and says why", async ({ page, request }) => {
  const name = `Refused toggle ${Date.now()}`;
  await createWorkflowWithRun(request, name);
  await page.route("**/api/workflows/*", (route) =>
    route.request().method() === "PATCH" ? route.fulfill({ status: 503, json: { error: "Database is busy" } }) : route.fallback(),
  );

  await page.goto("/workflows");
  const activeSwitch = page.getByRole("switch", { name: `Active: ${name}` });
  await expect(activeSwitch).toBeChecked();
  await activeSwitch.click();
  await expect(page.getByText(`Could not deactivate “${name}”: Database is busy`)).toBeVisible();
  await expect(activeSwitch).toBeChecked();
  const { body } = await request.get("/api/workflows").then(async (r) => ({ body: await r.json() }));
  expect(body.workflows.find((w: { name: string }) => w.name === name).active).toBe(true);
});

test("with no workflows, the page explains them and offers both ways to start", async ({ page }) => {
  await page.route("**/api/workflows", (route) => (route.request().method() === "GET" ? route.fulfill({ json: { workflows: [] } }) : route.fallback()));
  await page.goto("/workflows");
  await expect(page.getByRole("heading", { name: "No workflows yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse templates" })).toHaveAttribute("href", "/templates");
  await page.getByRole("button", { name: "Create workflow" }).click();
  await expect(page.getByRole("dialog", { name: "New workflow" })).toBeVisible();
  await expect(page.getByRole("dialog", { name: "New workflow" }).getByLabel("Name")).toBeFocused();
});
