import { expect, test } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode, connect, dropFromPalette, waitForStillCanvas } from "./support/canvas";

/** The API the workflow calls: records each order it receives. */
let api: http.Server;
let apiUrl: string;
const received: unknown[] = [];

test.beforeAll(async () => {
  api = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push(JSON.parse(body || "null"));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ accepted: true, total: 42 }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/orders`;
});

test.afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

test("a new user builds a workflow on the canvas, saves it, runs it and watches the run complete", async ({ page, request }) => {
  await page.goto("/workflows");
  await page.getByRole("button", { name: "New workflow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByLabel("Name").fill("Forward orders");
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  const workflowId = page.url().split("/").pop()!;
  await expect(canvasNode(page, "trigger")).toBeVisible();

  // Three nodes from the palette, connected trigger → HTTP → Map → Delay.
  await dropFromPalette(page, "HTTP request", { x: 120, y: 480 });
  await dropFromPalette(page, "Map", { x: 300, y: 560 });
  await dropFromPalette(page, "Delay", { x: 120, y: 630 });
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await page.getByRole("button", { name: "Close node settings" }).click();
  // Fit only once the canvas has taken the inspector's room, so the view fits the final width.
  await expect(page.getByRole("complementary", { name: "Node settings" })).toBeHidden();
  await expect.poll(async () => (await page.getByLabel("Workflow canvas").boundingBox())?.width).toBeGreaterThan(800);
  await page.getByRole("button", { name: "Fit View" }).click();
  // One step out, so no handle sits at the canvas edge next to the palette.
  await page.getByRole("button", { name: "Zoom Out" }).click();
  await waitForStillCanvas(page);
  await connect(page, "trigger", "http_1");
  await connect(page, "http_1", "map_1");
  await connect(page, "map_1", "delay_1");

  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await canvasNode(page, "http_1").click();
  await inspector.getByRole("combobox", { name: "Method" }).click();
  await page.getByRole("option", { name: "POST" }).click();
  await inspector.getByRole("textbox", { name: "URL", exact: true }).fill(apiUrl);
  await inspector.getByRole("textbox", { name: "JSON body" }).fill('{ "order": "{{ trigger.orderId }}" }');

  await canvasNode(page, "map_1").click();
  await inspector.getByRole("textbox", { name: "Expression" }).fill('{ "order": trigger.orderId, "total": steps.http_1.body.total }');

  await canvasNode(page, "delay_1").click();
  await inspector.getByRole("textbox", { name: "Duration" }).fill("1s");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await page.reload();
  await expect(page.locator(".react-flow__node")).toHaveCount(4);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await saveScreenshot(page, "foundation-editor");

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const runDialog = page.getByRole("dialog", { name: "Run workflow" });
  await runDialog.getByLabel("Payload (JSON)").fill('{ "orderId": "A-1001" }');
  await runDialog.getByRole("button", { name: "Run workflow" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);

  const steps = page.getByRole("list", { name: "Steps" });
  for (const nodeId of ["trigger", "http_1", "map_1", "delay_1"]) {
    await expect(steps.getByRole("listitem").filter({ has: page.getByText(nodeId, { exact: true }) }).getByText("Completed")).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Forward orders" }).locator("xpath=..").getByText("Completed")).toBeVisible();
  await saveScreenshot(page, "foundation-run");

  expect(received).toEqual([{ order: "A-1001" }]);
  const runId = page.url().split("/").pop()!;
  const run = await (await request.get(`/api/runs/${runId}`)).json();
  expect(run).toMatchObject({ workflowId, status: "completed", output: { delay_1: { sleptUntil: expect.any(String) } } });
  expect(run.steps.find((s: { nodeId: string }) => s.nodeId === "map_1").output).toEqual({ order: "A-1001", total: 42 });
});

test("a template becomes an editable workflow", async ({ page, request }) => {
  await page.goto("/templates");
  const card = page.getByRole("article").filter({ hasText: "Check an order, retrying a flaky API" });
  await card.getByRole("button", { name: /Use template/ }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  const workflowId = page.url().split("/").pop()!;
  const workflow = await (await request.get(`/api/workflows/${workflowId}`)).json();
  expect(workflow.document.nodes.length).toBeGreaterThan(3);
  await expect(page.locator(".react-flow__node")).toHaveCount(workflow.document.nodes.length);
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
});
