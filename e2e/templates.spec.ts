import { expect, test } from "@playwright/test";
import { workflowTemplates } from "@/lib/templates";
import { saveScreenshot } from "./support/artifacts";

const WORKFLOW_URL = /\/workflows\/(wf_[0-9a-z]+)$/;

test("the gallery shows every template and narrows by tag and search", async ({ page }) => {
  await page.goto("/templates");
  const cards = page.getByRole("article");
  await expect(cards).toHaveCount(workflowTemplates.length);
  for (const template of workflowTemplates) {
    const card = page.getByRole("article", { name: template.name });
    await expect(card).toContainText(template.description);
    await expect(card.getByRole("img", { name: /^Flow: / })).toBeVisible();
  }
  await saveScreenshot(page, "templates");

  await page.getByRole("group", { name: "Filter by tag" }).getByRole("button", { name: "delay" }).click();
  await expect(cards).toHaveCount(workflowTemplates.filter((t) => t.tags.includes("delay")).length);
  await expect(page.getByRole("article", { name: "Nudge the team 10 minutes after a sign-up" })).toBeVisible();

  await page.getByRole("button", { name: "All" }).click();
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
