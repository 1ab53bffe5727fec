import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { saveScreenshot } from "./support/artifacts";

/** An upstream API that is always down, for the HTTP step to fail against. */
let failingServer: http.Server;
let failingUrl: string;

test.beforeAll(async () => {
  failingServer = http.createServer((_request, response) => {
    response.writeHead(500, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: "upstream is down" }));
  });
  await new Promise<void>((resolve) => failingServer.listen(0, "127.0.0.1", resolve));
  failingUrl = `http://127.0.0.1:${(failingServer.address() as AddressInfo).port}/contacts`;
});

test.afterAll(async () => {
  await new Promise((resolve) => failingServer.close(resolve));
});

const position = { x: 0, y: 0 };

function branchingWorkflow(name: string) {
  return {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", position, config: {} },
      { id: "double", type: "transform.map", position, config: { expression: '{ "doubled": trigger.n * 2 }' } },
      { id: "check", type: "flow.if", position, config: { condition: "input.doubled > 5" } },
      { id: "big", type: "transform.map", position, config: { expression: '{ "size": "big" }' } },
      { id: "small", type: "transform.map", position, config: { expression: '{ "size": "small" }' } },
    ],
    edges: [
      { id: "e1", source: "start", target: "double" },
      { id: "e2", source: "double", target: "check" },
      { id: "e3", source: "check", target: "big", sourceHandle: "true" },
      { id: "e4", source: "check", target: "small", sourceHandle: "false" },
    ],
  };
}

function failingWorkflow(name: string) {
  return {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", position, config: {} },
      {
        id: "call_crm",
        type: "action.http",
        position,
        config: { method: "POST", url: failingUrl, body: { email: "ada@example.com" } },
        settings: { retry: { maxAttempts: 2, initialDelayMs: 200, backoff: "fixed" } },
      },
    ],
    edges: [{ id: "e1", source: "start", target: "call_crm" }],
  };
}

async function startRun(request: APIRequestContext, document: object, payload: unknown) {
  const created = await request.post("/api/workflows", { data: document });
  expect(created.status()).toBe(201);
  const workflow = (await created.json()) as { id: string };
  const started = await request.post(`/api/workflows/${workflow.id}/runs`, { data: { payload } });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  return { workflowId: workflow.id, runId };
}

/** The list links each run by the tail of its id. */
function runLink(page: Page, runId: string) {
  return page.getByRole("link", { name: new RegExp(`^Run ${runId.slice(-8)} of `) });
}

function stepItem(page: Page, nodeId: string) {
  return page.getByRole("list", { name: "Steps" }).getByRole("listitem").filter({ has: page.getByText(nodeId, { exact: true }) });
}

test("a completed run is listed, filterable by status in the URL, and shows every step's data", async ({ page, request }) => {
  const name = "Order size check";
  const { runId, workflowId } = await startRun(request, branchingWorkflow(name), { n: 4 });

  await page.goto("/runs");
  const row = page.getByRole("row").filter({ has: runLink(page, runId) });
  await expect(row).toContainText(name);
  await expect(row).toContainText("Manual");
  await expect(row).toContainText("Completed");

  // Filters come from the URL, and changing them writes the URL. (Other tests leave failed runs
  // of their own workflows behind, so this workflow's failed runs are the empty view.)
  await page.goto(`/runs?status=failed&workflowId=${workflowId}`);
  await expect(page.getByLabel("Status")).toContainText("Failed");
  await expect(page.getByText("No runs match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(runLink(page, runId)).toBeVisible();

  await page.getByLabel("Status").click();
  await page.getByRole("option", { name: "Completed" }).click();
  await expect(page).toHaveURL(/\/runs\?status=completed$/);
  await expect(runLink(page, runId)).toBeVisible();

  // The whole row opens the run, not only its link.
  await page.getByRole("row").filter({ has: runLink(page, runId) }).getByRole("cell").nth(4).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  for (const nodeId of ["start", "double", "check", "big"]) await expect(stepItem(page, nodeId)).toContainText("Completed");
  await expect(stepItem(page, "small")).toContainText("Skipped");
  await expect(stepItem(page, "check")).toContainText("→ true");

  const mapStep = stepItem(page, "double");
  const disclosure = mapStep.getByRole("button", { name: /^Map double/ });
  await expect(disclosure).toHaveAttribute("aria-expanded", "false");
  await disclosure.click();
  await expect(disclosure).toHaveAttribute("aria-expanded", "true");
  const output = mapStep.getByRole("region", { name: "Output" });
  await expect(output).toContainText('"doubled"');
  await expect(output.getByText("8", { exact: true })).toBeVisible();
  await expect(mapStep.getByRole("region", { name: "Input" })).toContainText("trigger.n * 2");
  await saveScreenshot(page, "run-detail");

  await page.getByRole("link", { name: "Back to runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
});

test("a failed run shows the failing step, its attempts and error, and the run's error callout", async ({ page, request }) => {
  const name = "Sync contact to CRM";
  const { runId } = await startRun(request, failingWorkflow(name), { email: "ada@example.com" });

  await page.goto(`/runs/${runId}`);
  const httpStep = stepItem(page, "call_crm");
  await expect(httpStep).toContainText("Failed");
  await expect(httpStep).toContainText("2 attempts");
  await expect(httpStep).toContainText("answered 500");

  const callout = page.getByRole("alert").filter({ hasText: "Run failed" });
  await expect(callout).toContainText("answered 500");
  await saveScreenshot(page, "run-detail-failed");
  await callout.getByRole("link", { name: "call_crm" }).click();
  await expect(httpStep.getByRole("button", { name: /^HTTP request call_crm/ })).toHaveAttribute("aria-expanded", "true");
  const error = httpStep.getByRole("region", { name: "Error" });
  await expect(error).toContainText("answered 500");
  // Deeper levels of the JSON start collapsed.
  await expect(error.getByText("upstream is down")).toBeHidden();
  await error.getByRole("button", { name: 'Expand "body"' }).click();
  await expect(error.getByText('"upstream is down"')).toBeVisible();

  await page.goto("/runs?status=failed");
  await expect(runLink(page, runId)).toBeVisible();
  await expect(page.getByRole("row").filter({ has: runLink(page, runId) })).toContainText("Failed");
  await expect(page.getByRole("row").filter({ hasText: "Completed" })).toHaveCount(0);

  await page.goto("/runs");
  await expect(runLink(page, runId)).toBeVisible();
  await saveScreenshot(page, "runs-list");
});

test("a run whose loop ran in chunk runs lists them, and each chunk links back to its run", async ({ page, request }) => {
  const name = "Score five hundred leads";
  const document = {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", position, config: {} },
      { id: "each", type: "transform.split", position, config: { items: "[1..500]" } },
      { id: "score", type: "transform.map", position, config: { expression: '{ "lead": input, "score": input % 7 }' } },
      { id: "all", type: "flow.merge", position, config: { mode: "concat" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "each" },
      { id: "e2", source: "each", target: "score" },
      { id: "e3", source: "score", target: "all" },
    ],
  };
  const { runId } = await startRun(request, document, {});

  await page.goto(`/runs/${runId}`);
  await expect(stepItem(page, "all")).toContainText("Completed", { timeout: 60_000 });
  const chunks = page.getByRole("list", { name: "Loop chunks" }).getByRole("listitem");
  await expect(chunks).toHaveCount(3);
  await expect(chunks.nth(0)).toContainText("Items 0–199 of “each”");
  await expect(chunks.nth(2)).toContainText("Items 400–499 of “each”");
  for (const chunk of await chunks.all()) await expect(chunk).toContainText("Completed");
  await saveScreenshot(page, "run-detail-loop-chunks");

  await chunks.nth(2).getByRole("link").click();
  await expect(page.getByTestId("chunk-of")).toContainText("Items 400–499 of the loop “each” in");
  await expect(stepItem(page, "score#499")).toContainText("Completed");
  await saveScreenshot(page, "run-detail-loop-chunk");
  await page.getByTestId("chunk-of").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
});

test("an unknown run id shows a friendly not-found page", async ({ page }) => {
  await page.goto("/runs/run_does_not_exist");
  await expect(page.getByRole("heading", { name: "Run not found" })).toBeVisible();
  await page.getByRole("link", { name: "See all runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
});
