import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode } from "./support/canvas";

const WORKFLOW_URL = /\/workflows\/(wf_[0-9a-z]+)$/;

// This spec signs up its own people instead of using the owner global setup signed in.
test.use({ storageState: { cookies: [], origins: [] } });

test("an owner signs up, creates a workflow and invites a viewer, who gets a read-only UI and whose changes the API refuses", async ({ page, browser }) => {
  const stamp = Date.now();
  const owner = { email: `owner-${stamp}@example.com`, password: "owner-password-1" };
  const viewer = { email: `viewer-${stamp}@example.com`, password: "viewer-password-1" };
  const name = `Shared report ${stamp}`;

  await page.goto("/workflows");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fworkflows$/);
  await page.getByRole("link", { name: "Create one" }).click();
  await page.getByLabel("Name").fill("Olivia Owner");
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await saveScreenshot(page, "auth-sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/workflows$/);
  await expect(page.getByTestId("current-role")).toHaveText("owner");

  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(WORKFLOW_URL);
  const workflowId = WORKFLOW_URL.exec(page.url())![1];

  await page.goto("/settings");
  await page.getByRole("combobox", { name: "Role of the invited member" }).click();
  await page.getByRole("option", { name: "viewer" }).click();
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await saveScreenshot(page, "auth-settings-owner");

  const viewerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(link);
  await expect(viewerPage.getByText("You are invited as viewer")).toBeVisible();
  await viewerPage.getByLabel("E-mail").fill(viewer.email);
  await viewerPage.getByLabel("Password").fill(viewer.password);
  await viewerPage.getByRole("button", { name: "Create account" }).click();
  await expect(viewerPage).toHaveURL(/\/workflows$/);
  await expect(viewerPage.getByTestId("current-role")).toHaveText("viewer");

  // Read-only: the workflow is listed, but nothing offers to change it.
  const row = viewerPage.getByRole("row").filter({ has: viewerPage.getByRole("link", { name, exact: true }) });
  await expect(row).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "New workflow" })).toHaveCount(0);
  await expect(row.getByRole("switch")).toBeDisabled();
  await expect(viewerPage.getByRole("link", { name: "Connections" })).toHaveCount(0);
  await saveScreenshot(viewerPage, "auth-viewer-workflows");
  await row.getByRole("link", { name, exact: true }).click();
  await expect(viewerPage.getByText("Read-only", { exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Run", exact: true })).toHaveCount(0);
  // Looking is allowed, changing is not: no palette, and the node's settings are shown disabled.
  await expect(viewerPage.getByRole("complementary", { name: "Nodes" })).toHaveCount(0);
  await canvasNode(viewerPage, "trigger").click();
  const inspector = viewerPage.getByRole("complementary", { name: "Node settings" });
  await expect(inspector.getByLabel("Node name")).not.toBeEditable();
  await saveScreenshot(viewerPage, "auth-viewer-editor");
  await inspector.getByRole("tab", { name: "Settings" }).click();
  await expect(inspector.getByRole("button", { name: "Delete node" })).toBeDisabled();

  // The server refuses regardless of the UI (the browser context carries the viewer's session).
  const api = viewerPage.request;
  const origin = new URL(viewerPage.url()).origin;
  expect((await api.get(`/api/workflows/${workflowId}`)).status()).toBe(200);
  expect((await api.post("/api/workflows", { headers: { origin }, data: { version: 1, name: "Sneaky", nodes: [], edges: [] } })).status()).toBe(403);
  expect((await api.patch(`/api/workflows/${workflowId}`, { headers: { origin }, data: { active: false } })).status()).toBe(403);
  expect((await api.delete(`/api/workflows/${workflowId}`, { headers: { origin } })).status()).toBe(403);
  expect((await api.post(`/api/workflows/${workflowId}/runs`, { headers: { origin }, data: { payload: {} } })).status()).toBe(403);
  expect((await api.get("/api/connections/unknown")).status()).toBe(403);
  await viewerContext.close();

  // The owner still sees the workflow unchanged, creates an API key (shown once) and reads the audit log.
  expect((await page.request.get(`/api/workflows/${workflowId}`)).status()).toBe(200);
  await page.goto("/settings");
  await page.getByLabel("Name", { exact: true }).fill("deploy script");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Copy the key now: it will not be shown again.")).toBeVisible();
  const key = await page.getByRole("textbox", { name: "New API key" }).inputValue();
  expect(key).toMatch(/^sbk_/);
  await expect(page.getByRole("row").filter({ hasText: "deploy script" })).toContainText("editor");
  await page.getByRole("textbox", { name: "New API key" }).scrollIntoViewIfNeeded();
  await saveScreenshot(page, "auth-api-keys");
  await page.goto("/audit");
  await expect(page.getByRole("cell", { name: "member.join" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "api-key.create" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "workflow.create" })).toBeVisible();
  await saveScreenshot(page, "auth-audit");
});
