import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { saveScreenshot } from "./support/artifacts";
import { E2E_OWNER } from "./support/global-setup";

/** The systems the workflows call: counts every call per path; a path answers 503 while it is "down". */
let api: http.Server;
let apiUrl: string;
const calls = new Map<string, number>();
const down = new Set<string>();

test.beforeAll(async () => {
  api = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const path = request.url ?? "/";
      calls.set(path, (calls.get(path) ?? 0) + 1);
      const failing = down.has(path);
      response.writeHead(failing ? 503 : 200, { "content-type": "application/json" });
      response.end(JSON.stringify(failing ? { error: "service unavailable" } : { ok: true, path }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

const position = (x: number) => ({ x, y: 0 });

function orderWorkflow(name: string, prefix: string) {
  return {
    version: 1,
    name,
    nodes: [
      { id: "start", type: "trigger.manual", position: position(0), config: {} },
      { id: "reserve", name: "Reserve stock", type: "action.http", position: position(260), config: { method: "POST", url: `${apiUrl}/${prefix}/reserve`, body: { order: "{{ trigger.orderId }}" } } },
      {
        id: "charge",
        name: "Charge card",
        type: "action.http",
        position: position(520),
        config: { method: "POST", url: `${apiUrl}/${prefix}/charge` },
        settings: { retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 300 } },
      },
      { id: "confirm", name: "Confirm order", type: "transform.map", position: position(780), config: { expression: '{ "confirmed": trigger.orderId }' } },
    ],
    edges: [
      { id: "e1", source: "start", target: "reserve" },
      { id: "e2", source: "reserve", target: "charge" },
      { id: "e3", source: "charge", target: "confirm" },
    ],
  };
}

async function createWorkflow(request: APIRequestContext, document: object): Promise<string> {
  const created = await request.post("/api/workflows", { data: document });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function startRun(request: APIRequestContext, workflowId: string, payload: unknown): Promise<string> {
  const started = await request.post(`/api/workflows/${workflowId}/runs`, { data: { payload } });
  expect(started.status()).toBe(202);
  return ((await started.json()) as { runId: string }).runId;
}

async function runStatus(request: APIRequestContext, runId: string): Promise<string> {
  return ((await (await request.get(`/api/runs/${runId}`)).json()) as { status: string }).status;
}

function runLink(page: Page, runId: string) {
  return page.getByRole("link", { name: new RegExp(`^Run ${runId.slice(-8)} of `) });
}

function stepItem(page: Page, nodeId: string) {
  return page.getByRole("list", { name: "Steps" }).getByRole("listitem").filter({ has: page.getByText(nodeId, { exact: true }) });
}

async function bothThemes(page: Page, name: string) {
  await saveScreenshot(page, name);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(150);
  await saveScreenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: "light" });
}

test("a failing run is found by its order id, shows each failed attempt, and a replay from the failed step completes without repeating earlier steps", async ({ page, request }) => {
  down.add("/orders/charge");
  const workflowId = await createWorkflow(request, orderWorkflow("Checkout", "orders"));
  const runId = await startRun(request, workflowId, { orderId: "ORD-4242" });

  // The list finds it by the order id in its trigger data, and shows it fail live.
  await page.goto("/runs?q=ORD-4242");
  await expect(page.getByLabel("Search trigger data")).toHaveValue("ORD-4242");
  const row = page.getByRole("row").filter({ has: runLink(page, runId) });
  await expect(row).toContainText("Checkout");
  await expect(row).toContainText("Failed");
  await expect(row).toContainText("1 retry");
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Search trigger data").fill("");
  await expect(page).toHaveURL(/\/runs$/);
  await bothThemes(page, "monitoring-runs-list");

  // The detail: the failed step with both attempts and their error.
  await page.goto(`/runs/${runId}`);
  const charge = stepItem(page, "charge");
  await expect(charge).toContainText("Failed");
  await expect(charge).toContainText("2 attempts");
  await expect(charge.getByRole("img", { name: "Attempt 1: failed" })).toBeVisible();
  await expect(charge.getByRole("img", { name: "Attempt 2: failed" })).toBeVisible();
  await charge.getByRole("button", { name: /^Charge card charge/ }).click();
  const attempts = charge.getByRole("region", { name: "Attempts" });
  await expect(attempts.getByRole("listitem")).toHaveCount(2);
  await expect(attempts.getByRole("listitem").first()).toContainText("answered 503");
  await expect(attempts.getByRole("listitem").last()).toContainText("Attempt 2");
  await bothThemes(page, "monitoring-run-detail-failed");

  // The original run on its canvas: the failed node is red, the ones before it green.
  await page.getByRole("link", { name: "Open on canvas" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}/canvas$`));
  await expect(page.locator('.react-flow__node[data-id="charge"] [data-run-status]')).toHaveAttribute("data-run-status", "failed");
  await expect(page.locator('.react-flow__node[data-id="reserve"] [data-run-status]')).toHaveAttribute("data-run-status", "completed");
  await expect(page.locator('.react-flow__node[data-id="confirm"] [data-run-status]')).toHaveAttribute("data-run-status", "not-run");
  await page.locator('.react-flow__node[data-id="charge"]').click();
  const panel = page.getByRole("complementary", { name: "Step details" });
  await expect(panel.getByRole("list", { name: "Attempts" })).toContainText("answered 503");
  await expect(panel.getByRole("region", { name: "Input" })).toContainText("/orders/charge");
  await bothThemes(page, "monitoring-canvas-failed");
  await page.getByRole("link", { name: "Back to run" }).click();

  // The charge service is back: replay from the failed step.
  down.delete("/orders/charge");
  expect(calls.get("/orders/reserve")).toBe(1);
  expect(calls.get("/orders/charge")).toBe(2);
  await page.getByRole("button", { name: "Replay from failed step" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Reserve stock");
  await dialog.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page).toHaveURL(/\/runs\/run_/);
  const replayId = page.url().split("/").pop()!;
  await expect(page.getByRole("banner").or(page.locator("header")).first()).toContainText("Completed", { timeout: 30_000 });
  await expect(stepItem(page, "reserve")).toContainText("Reused");
  await expect(stepItem(page, "confirm")).toContainText("Completed");
  expect(calls.get("/orders/reserve")).toBe(1);
  expect(calls.get("/orders/charge")).toBe(3);
  await expect(page.getByText("Replay of")).toBeVisible();
  await bothThemes(page, "monitoring-run-detail-replay");

  // The replay on the canvas: every node green, the reused ones marked.
  await page.getByRole("link", { name: "Open on canvas" }).click();
  for (const nodeId of ["start", "reserve", "charge", "confirm"]) {
    await expect(page.locator(`.react-flow__node[data-id="${nodeId}"] [data-run-status]`)).toHaveAttribute("data-run-status", "completed");
  }
  await expect(page.locator('.react-flow__node[data-id="reserve"]').getByRole("status")).toHaveAccessibleName(/reused/);
  await page.locator('.react-flow__node[data-id="confirm"]').click();
  await expect(page.getByRole("complementary", { name: "Step details" }).getByRole("region", { name: "Output" })).toContainText("ORD-4242");
  await bothThemes(page, "monitoring-canvas");

  // The original run records the replay.
  await page.goto(`/runs/${runId}`);
  const activity = page.getByRole("list", { name: "Activity" });
  await expect(activity).toContainText("Replayed it from step charge");
  await expect(activity).toContainText(E2E_OWNER.email);
  await expect(activity.getByRole("link", { name: `run ${replayId.slice(-8)}` })).toBeVisible();
});

test("after a fix is published, a failed run is replayed on the fixed version and completes, reusing the steps before the fix", async ({ page, request }) => {
  down.add("/fix/wrong-charge");
  const broken = orderWorkflow("Checkout with a typo", "fix");
  broken.nodes[2].config.url = `${apiUrl}/fix/wrong-charge`;
  const workflowId = await createWorkflow(request, broken);
  const runId = await startRun(request, workflowId, { orderId: "ORD-7001" });
  await expect.poll(() => runStatus(request, runId), { timeout: 30_000 }).toBe("failed");

  // The fix: the right URL, published as version 2.
  const fixed = orderWorkflow("Checkout with a typo", "fix");
  expect((await request.put(`/api/workflows/${workflowId}`, { data: fixed })).status()).toBe(200);

  await page.goto(`/runs/${runId}`);
  await page.getByRole("button", { name: "Replay from failed step" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("radio", { name: /The published version \(v2\)/ })).toBeChecked();
  await expect(dialog.getByTestId("replay-reused")).toContainText("Reserve stock");
  await saveScreenshot(page, "replay-on-published-version");
  await dialog.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  await expect(page).not.toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByRole("banner").or(page.locator("header")).first()).toContainText("Completed", { timeout: 30_000 });
  await expect(page.getByText("v2", { exact: true })).toBeVisible();
  await expect(stepItem(page, "reserve")).toContainText("Reused");
  expect(calls.get("/fix/reserve")).toBe(1);
  expect(calls.get("/fix/charge")).toBe(1);
});

test("failed runs are grouped by error, and a bulk replay of several completes them all", async ({ page, request }) => {
  down.add("/bulk/charge");
  const workflowId = await createWorkflow(request, orderWorkflow("Bulk checkout", "bulk"));
  const runIds: string[] = [];
  for (let i = 0; i < 3; i++) runIds.push(await startRun(request, workflowId, { orderId: `BULK-${i}` }));
  await expect.poll(async () => Promise.all(runIds.map((id) => runStatus(request, id))), { timeout: 60_000 }).toEqual(["failed", "failed", "failed"]);

  await page.goto("/runs/failed");
  const group = page.getByTestId("failed-group").filter({ hasText: "Bulk checkout" });
  await expect(group).toContainText("3 runs");
  await expect(group).toContainText("at charge");
  await expect(group).toContainText("answered 503");
  await group.getByRole("button", { name: /Show the runs of/ }).click();
  await expect(group.getByRole("checkbox", { name: /^Select run / })).toHaveCount(3);
  await bothThemes(page, "monitoring-failed-runs");

  down.delete("/bulk/charge");
  await group.getByRole("checkbox", { name: /^Select all 3 runs/ }).check();
  await page.getByRole("button", { name: "Replay selected (3)" }).click();
  await expect(page.getByText("Queued 3 replays")).toBeVisible();
  await expect(group).toHaveCount(0, { timeout: 60_000 });

  const replays = await Promise.all(
    runIds.map(async (id) => ((await (await request.get(`/api/runs/${id}`)).json()) as { replays: { id: string }[] }).replays.map((r) => r.id)),
  );
  expect(replays.every((ids) => ids.length === 1)).toBe(true);
  await expect.poll(async () => Promise.all(replays.map(([id]) => runStatus(request, id))), { timeout: 60_000 }).toEqual(["completed", "completed", "completed"]);
  expect(calls.get("/bulk/reserve")).toBe(3);
  expect(calls.get("/bulk/charge")).toBe(9);
});

test("the dashboard charts throughput, durations and errors for a chosen period", async ({ page }) => {
  await page.goto("/dashboard");
  await page.getByRole("radio", { name: "1 hour" }).click();
  await expect(page).toHaveURL(/period=1h/);
  await expect(page.getByTestId("throughput-chart").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("duration-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Top errors" })).toContainText("answered 503");
  await expect(page.getByRole("row").filter({ hasText: "Checkout" }).first()).toBeVisible();
  await bothThemes(page, "monitoring-dashboard");

  await page.goto("/settings");
  await expect(page.getByLabel("Keep finished runs for")).toHaveValue("30");
  await bothThemes(page, "monitoring-settings");
});
