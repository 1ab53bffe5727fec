import { expect, test, type APIRequestContext } from "@playwright/test";
import { orderSaga } from "@/lib/templates/catalog/order-saga";
import { saveScreenshot } from "./support/artifacts";

const PAYLOAD = { email: "ada@example.com", name: "Ada", plan: "pro" };

async function createWorkflow(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: "Count visits",
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 80 }, config: { samplePayload: PAYLOAD } },
        { id: "shape", type: "transform.map", position: { x: 120, y: 200 }, config: { expression: '{ "customer": { "email": trigger.email, "name": trigger.name } }' } },
        { id: "count", type: "action.store", position: { x: 240, y: 320 }, config: { operation: "increment", namespace: "visits", key: "someone" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "shape" },
        { id: "e2", source: "shape", target: "count" },
      ],
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).id;
}

async function runOnce(request: APIRequestContext, workflowId: string) {
  const started = await request.post(`/api/workflows/${workflowId}/runs`, { data: { payload: PAYLOAD } });
  expect(started.status()).toBe(202);
  const { runId } = await started.json();
  await expect.poll(async () => (await (await request.get(`/api/runs/${runId}`)).json()).status, { timeout: 60_000 }).toBe("completed");
}

test("expression autocomplete, dragging a field from the input panel, testing a node and pinning its output", async ({ page, request }) => {
  const id = await createWorkflow(request);
  await runOnce(request, id);
  await page.goto(`/workflows/${id}`);
  await page.locator('.react-flow__node[data-id="count"]').click();

  const inspector = page.getByRole("complementary", { name: "Node settings" });
  const data = page.getByRole("complementary", { name: "Node data" });
  // On a 1280 px window the panel starts folded, leaving the canvas room.
  await data.getByRole("button", { name: "Show input and output" }).click();
  await expect(data.getByRole("tree", { name: "Input fields" })).toBeVisible();

  // Drag the input's customer.email onto the (emptied) Key field: it becomes an expression.
  const key = inspector.getByRole("textbox", { name: "Key", exact: true });
  await key.fill("");
  await data.locator('[data-path="input.customer.email"]').dragTo(key);
  await expect(key).toHaveValue("{{ input.customer.email }}");
  await expect(inspector.getByTestId("expression-preview").first()).toContainText("ada@example.com");

  // Type an expression into Namespace, completing the trigger's fields from the last run.
  const namespace = inspector.getByRole("textbox", { name: "Namespace", exact: true });
  await namespace.fill("");
  await namespace.pressSequentially("visits-{{ trigger.");
  const options = page.getByRole("listbox", { name: "Data you can insert" });
  await expect(options.getByRole("option")).toHaveText([/^email/, /^name/, /^plan/]);
  await namespace.pressSequentially("pl");
  await expect(options.getByRole("option")).toHaveText([/^plan/]);
  await saveScreenshot(page, "editor-help-autocomplete");
  await namespace.press("Enter");
  await expect(options).toBeHidden();
  await namespace.pressSequentially(" }}");
  await expect(namespace).toHaveValue("visits-{{ trigger.plan }}");
  await expect(inspector.getByTestId("expression-preview").first()).toContainText("visits-pro");
  await expect(namespace.locator("xpath=preceding-sibling::div//mark[@data-expression]")).toHaveText("{{ trigger.plan }}");

  // Test the node alone with the last run's input: the store is incremented, no run is started.
  const runsBefore = (await (await request.get(`/api/runs?workflowId=${id}`)).json()).runs.length;
  await data.getByRole("button", { name: "Test this node" }).click();
  const output = data.getByRole("tree", { name: "Output fields" });
  await expect(data.getByText("Test result")).toBeVisible();
  await expect(output.locator('[data-path="steps.count.key"]')).toContainText('"ada@example.com"');
  await expect(output.locator('[data-path="steps.count.value"]')).toContainText("1");
  expect((await (await request.get(`/api/runs?workflowId=${id}`)).json()).runs).toHaveLength(runsBefore);
  await saveScreenshot(page, "editor-help-test-node");

  // Pin the tested output and save: it is stored in the document as the node's test data.
  await data.getByRole("button", { name: "Pin data" }).click();
  await expect(data.getByText("Pinned")).toBeVisible();
  await expect(data.getByRole("button", { name: "Unpin" })).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  const saved = await (await request.get(`/api/workflows/${id}`)).json();
  expect(saved.draft.pinData).toEqual({ count: { key: "ada@example.com", value: 1 } });
  expect(saved.draft.nodes.find((n: { id: string }) => n.id === "count").config).toMatchObject({ key: "{{ input.customer.email }}", namespace: "visits-{{ trigger.plan }}" });
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-help-pinned");

  // The pin is part of the saved workflow.
  await page.reload();
  await page.locator('.react-flow__node[data-id="count"]').click();
  await expect(data.getByText("Pinned")).toBeVisible();
});

test("the order saga template shows each step's compensation on the canvas and in the node's settings", async ({ page, request }) => {
  const response = await request.post("/api/workflows", { data: orderSaga.document });
  expect(response.status()).toBe(201);
  const { id } = await response.json();
  await page.goto(`/workflows/${id}`);
  const charge = page.locator('.react-flow__node[data-id="chargePayment"]');
  await expect(charge).toContainText("undo: refundPayment");
  await expect(page.locator('.react-flow__node[data-id="reserveStock"]')).toContainText("undo: releaseStock");
  await page.getByRole("button", { name: "Fit View" }).click();
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-help-saga");

  await charge.click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await inspector.getByRole("tab", { name: "Settings" }).click();
  await expect(inspector.getByRole("combobox", { name: "Compensation node" })).toHaveText("refundPayment");
});

test("nodes after a split are marked as running per item, and a run's canvas shows their iterations on them", async ({ page, request }) => {
  const response = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: "Tag each order",
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: { samplePayload: { orders: [{ id: 1 }, { id: 2 }] } } },
        { id: "each", type: "transform.split", position: { x: 300, y: 0 }, config: { items: "trigger.orders" } },
        { id: "tag", type: "transform.map", position: { x: 600, y: 0 }, config: { expression: '{ "id": input.id, "tag": "seen" }' } },
        { id: "all", type: "flow.merge", position: { x: 900, y: 0 }, config: { mode: "concat" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "each" },
        { id: "e2", source: "each", target: "tag" },
        { id: "e3", source: "tag", target: "all" },
      ],
    },
  });
  expect(response.status()).toBe(201);
  const { id } = await response.json();
  await page.goto(`/workflows/${id}`);
  await expect(page.locator('.react-flow__node[data-id="tag"]')).toContainText("per item of each");
  await expect(page.locator('.react-flow__node[data-id="all"]')).not.toContainText("per item");

  const started = await request.post(`/api/workflows/${id}/runs`, { data: { payload: { orders: [{ id: 1 }, { id: 2 }, { id: 3 }] } } });
  const { runId } = await started.json();
  await expect.poll(async () => (await (await request.get(`/api/runs/${runId}`)).json()).status, { timeout: 60_000 }).toBe("completed");
  const run = await (await request.get(`/api/runs/${runId}`)).json();
  expect(run.steps.find((s: { nodeId: string }) => s.nodeId === "all").output).toEqual([1, 2, 3].map((n) => ({ id: n, tag: "seen" })));
  await page.goto(`/runs/${runId}/canvas`);
  await expect(page.locator('.react-flow__node[data-id="tag"] [data-run-status]')).toHaveAttribute("data-run-status", "completed");
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-help-loop-run");
});
