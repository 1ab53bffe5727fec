import { expect, test } from "@playwright/test";
import { templatePatterns, workflowTemplates } from "@/lib/templates";
import { saveScreenshot } from "./support/artifacts";

const WORKFLOW_URL = /\/workflows\/(wf_[0-9a-z]+)$/;

test("the gallery shows every template grouped by pattern, and narrows by pattern and search", async ({ page }) => {
  await page.goto("/templates");
  const cards = page.getByRole("article");
  await expect(cards).toHaveCount(workflowTemplates.length);
  for (const template of workflowTemplates) {
    const card = page.getByRole("article", { name: template.name });
    await expect(card).toContainText(template.description);
    await expect(card.getByRole("img", { name: /^Flow: / })).toBeVisible();
  }
  const receiver = page.getByRole("article", { name: "Receive billing webhooks the right way" });
  await expect(receiver).toContainText("Webhook receiver");
  await expect(receiver).toContainText("For: Accept another system's calls safely");
  await expect(receiver).toContainText("Needs: Your provider's webhook pointed at its URL");
  for (const group of new Set(templatePatterns.map((p) => p.group))) await expect(page.getByRole("region", { name: group })).toBeVisible();
  await saveScreenshot(page, "templates");

  await page.getByRole("group", { name: "Filter by pattern" }).getByRole("button", { name: "Content-based routing" }).click();
  await expect(cards).toHaveCount(workflowTemplates.filter((t) => t.pattern === "routing").length);
  await expect(page.getByRole("article", { name: "Route support requests to the right team" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Handle failure" })).toHaveCount(0);

  await page.getByRole("button", { name: "All patterns" }).click();
  await page.getByRole("searchbox", { name: "Search templates" }).fill("no such template anywhere");
  await expect(page.getByRole("heading", { name: "No templates match" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(cards).toHaveCount(workflowTemplates.length);
});

test("using a template creates a workflow with its nodes and opens it", async ({ page, request }) => {
  const template = workflowTemplates.find((t) => t.id === "check-order-with-retries")!;
  await page.goto("/templates");
  await page.getByRole("article", { name: template.name }).getByRole("button", { name: "Use template" }).click();

  await expect(page).toHaveURL(WORKFLOW_URL);
  const id = WORKFLOW_URL.exec(page.url())![1];
  const response = await request.get(`/api/workflows/${id}`);
  expect(response.status()).toBe(200);
  const workflow = await response.json();
  expect(workflow).toMatchObject({ name: template.name, triggerType: "trigger.manual", nodeCount: template.document.nodes.length, version: 1 });
  expect(workflow.document).toEqual(template.document);
  expect(workflow.document.nodes.find((n: { id: string }) => n.id === "fetchOrder").settings.retry).toEqual({ maxAttempts: 5, backoff: "exponential", initialDelayMs: 1000 });
});

test("a template that needs a connection asks for it before creating the workflow", async ({ page, request }) => {
  const template = workflowTemplates.find((t) => t.id === "queue-dead-letter")!;
  const name = `Orders broker ${Date.now()}`;
  const connection = (await (await request.post("/api/connections", { data: { name, type: "redis", config: { host: "redis.example.com", port: 6379 }, secrets: {} } })).json()) as { id: string };
  await page.goto("/templates");
  await page.getByRole("article", { name: template.name }).getByRole("button", { name: "Use template" }).click();
  const dialog = page.getByRole("dialog", { name: `Connections for “${template.name}”` });
  // The queue trigger and the dead-letter publisher share one placeholder: one choice sets both.
  await dialog.getByRole("combobox", { name: "Connection for orders queue and Publish to orders.dead-letter" }).click();
  await page.getByRole("option", { name }).click();
  await saveScreenshot(page, "template-connections");
  await dialog.getByRole("button", { name: "Create workflow" }).click();

  await expect(page).toHaveURL(WORKFLOW_URL);
  const workflow = (await (await request.get(`/api/workflows/${WORKFLOW_URL.exec(page.url())![1]}`)).json()) as { active: boolean; document: { nodes: { id: string; config: { connectionId?: string } }[] } };
  expect(workflow.active).toBe(false);
  const connectionOf = (id: string) => workflow.document.nodes.find((n) => n.id === id)?.config.connectionId;
  expect([connectionOf("orderMessage"), connectionOf("deadLetter")]).toEqual([connection.id, connection.id]);
});

test("Try it runs a template on its sample data and shows every step on the run page", async ({ page }) => {
  const template = workflowTemplates.find((t) => t.id === "order-saga")!;
  await page.goto("/templates");
  await page.getByRole("article", { name: template.name }).getByRole("button", { name: "Try it" }).click();

  await expect(page).toHaveURL(/\/runs\/run_/);
  await expect(page.getByText("Pinned sample data")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(template.name);
  await expect(page.locator("header, main").getByText("Completed").first()).toBeVisible({ timeout: 60_000 });
  for (const nodeId of ["order", "reserveStock", "chargePayment", "shipOrder"]) {
    await expect(page.getByRole("listitem").filter({ has: page.getByText(nodeId, { exact: true }) }).first()).toContainText("Completed");
  }
  await saveScreenshot(page, "template-try-it");
});
