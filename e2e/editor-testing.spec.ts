import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode } from "./support/canvas";

/** The API the HTTP node calls: keeps every request body it receives. */
let api: http.Server;
let apiUrl: string;
const received: unknown[] = [];

test.beforeAll(async () => {
  api = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ contentType: request.headers["content-type"], body: body ? (JSON.parse(body) as unknown) : null });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

async function create(request: APIRequestContext, document: object): Promise<string> {
  const response = await request.post("/api/workflows", { data: { version: 1, ...document } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function runToEnd(request: APIRequestContext, workflowId: string, payload: unknown) {
  const started = await request.post(`/api/workflows/${workflowId}/runs`, { data: { payload } });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  await expect.poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("completed");
}

/** Publishes the editor's changes: runs started through the API use the published version. */
async function publish(page: Page) {
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Publish changes" });
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "published" })).toBeVisible();
}

test("an HTTP node's JSON body takes expressions: kept on reload, invalid JSON counted as a problem, evaluated JSON sent", async ({ page, request }) => {
  const id = await create(request, {
    name: "Post the order",
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
      { id: "set_1", type: "transform.map", position: { x: 300, y: 0 }, config: { expression: '{ "id": "ord_" & $string(trigger.count), "total": 12.5 }' } },
      { id: "post", type: "action.http", position: { x: 600, y: 0 }, config: { method: "POST", url: `${apiUrl}/orders` } },
    ],
    edges: [
      { id: "e1", source: "start", target: "set_1" },
      { id: "e2", source: "set_1", target: "post" },
    ],
  });
  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "post").click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  const body = inspector.getByRole("textbox", { name: "JSON body" });

  // The whole body as one expression: accepted, no problem, saved and shown again after a reload.
  await body.fill("{{ steps.set_1 }}");
  await expect(inspector.getByText(/Not valid JSON/)).toBeHidden();
  await expect(page.getByText("No problems")).toBeVisible();
  await publish(page);
  let saved = (await (await request.get(`/api/workflows/${id}`)).json()) as { document: { nodes: { id: string; config: { body?: unknown } }[] } };
  expect(saved.document.nodes.find((n) => n.id === "post")!.config.body).toBe("{{ steps.set_1 }}");
  await page.reload();
  await canvasNode(page, "post").click();
  await expect(body).toHaveValue("{{ steps.set_1 }}");

  await runToEnd(request, id, { count: 7 });
  expect(received.at(-1)).toEqual({ contentType: "application/json", body: { id: "ord_7", total: 12.5 } });

  // Real JSON errors are shown on the field and counted as a problem; the text stays.
  await body.fill('{"id": "{{ steps.set_1.id }}", "n": {{ trigger.count }} ');
  await expect(inspector.getByText(/Not valid JSON: expected "," or "}" after a property, found the end/)).toBeVisible();
  await expect(page.getByRole("button", { name: "1 problem" })).toBeVisible();
  await expect(canvasNode(page, "post").getByRole("img", { name: "1 problem" })).toBeVisible();
  await saveScreenshot(page, "editor-testing-json-error");

  // Expressions inside JSON values: quoted splices text, bare keeps the value's type.
  await body.fill('{"id": "{{ steps.set_1.id }}", "n": {{ trigger.count }}, "label": "order {{ trigger.count }}" }');
  await expect(page.getByText("No problems")).toBeVisible();
  await body.blur();
  await expect(body).toHaveValue('{\n  "id": {{ steps.set_1.id }},\n  "n": {{ trigger.count }},\n  "label": "order {{ trigger.count }}"\n}');
  await publish(page);
  saved = (await (await request.get(`/api/workflows/${id}`)).json()) as typeof saved;
  expect(saved.document.nodes.find((n) => n.id === "post")!.config.body).toEqual({ id: "{{ steps.set_1.id }}", n: "{{ trigger.count }}", label: "order {{ trigger.count }}" });

  await runToEnd(request, id, { count: 8 });
  expect(received.at(-1)).toEqual({ contentType: "application/json", body: { id: "ord_8", n: 8, label: "order 8" } });
});

test("testing an If node shows the branch it took on the canvas and in the output panel", async ({ page, request }) => {
  const id = await create(request, {
    name: "Big orders",
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
      { id: "if_1", type: "flow.if", position: { x: 300, y: 0 }, config: { condition: "trigger.amount > 100" } },
      { id: "big", type: "transform.map", position: { x: 600, y: -80 }, config: { expression: "input" } },
      { id: "small", type: "transform.map", position: { x: 600, y: 80 }, config: { expression: "input" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "if_1" },
      { id: "e2", source: "if_1", sourceHandle: "true", target: "big" },
      { id: "e3", source: "if_1", sourceHandle: "false", target: "small" },
    ],
    pinData: { start: { amount: 150 } },
  });
  await page.goto(`/workflows/${id}`);
  const node = canvasNode(page, "if_1");
  await node.click();
  const data = page.getByRole("complementary", { name: "Node data" });
  await data.getByRole("button", { name: "Show input and output" }).click();

  await data.getByRole("button", { name: "Test this node" }).click();
  await expect(data.getByText("Test result")).toBeVisible();
  await expect(data.getByTestId("tested-branch")).toHaveText(/Took the\s*true\s*branch/);
  await expect(node.getByRole("status", { name: "Test took the true branch" })).toBeVisible();
  await expect(node.locator('.react-flow__handle[data-handleid="true"]')).toHaveAttribute("data-tested", "true");
  await expect(node.locator('.react-flow__handle[data-handleid="false"]')).not.toHaveAttribute("data-tested");
  await expect(node.locator("span[data-tested]")).toHaveText("true");
  // Folding the data panel away keeps the test's mark on the canvas.
  await data.getByRole("button", { name: "Hide input and output" }).click();
  await page.getByRole("button", { name: "Fit View" }).click();
  await expect(node.getByRole("status", { name: "Test took the true branch" })).toBeVisible();
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-testing-if-branch");
  await data.getByRole("button", { name: "Show input and output" }).click();

  // A changed condition tested again takes the other branch.
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await inspector.getByRole("textbox", { name: "Condition" }).fill("trigger.amount > 1000");
  await data.getByRole("button", { name: "Test this node" }).click();
  await expect(data.getByTestId("tested-branch")).toHaveText(/Took the\s*false\s*branch/);
  await expect(node.getByRole("status", { name: "Test took the false branch" })).toBeVisible();
  await expect(node.locator('.react-flow__handle[data-handleid="false"]')).toHaveAttribute("data-tested", "true");
  await expect(node.locator('.react-flow__handle[data-handleid="true"]')).not.toHaveAttribute("data-tested");

  // Another node selected: the test result is no longer shown, nor its branch on the canvas.
  await canvasNode(page, "big").click();
  await expect(node.getByRole("status", { name: /Test took/ })).toHaveCount(0);
});

test("an If added from the palette is the latest version: conditions built in the form, tested, saved with its version", async ({ page, request }) => {
  const id = await create(request, { name: "Form-built If", nodes: [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }], edges: [], pinData: { start: { amount: 150, tags: ["vip"] } } });
  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "start").click();
  await page.getByRole("complementary", { name: "Nodes" }).getByRole("button", { name: /^If/ }).click();
  const node = canvasNode(page, "if_1");
  await expect(node).toBeVisible();
  await expect(page.locator('.react-flow__edge[data-id="start->if_1"]')).toHaveCount(1);

  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await inspector.getByRole("textbox", { name: "Value" }).fill("{{ trigger.amount }}");
  await inspector.getByRole("combobox", { name: "Comparison" }).click();
  await page.getByRole("option", { name: "is greater than", exact: true }).click();
  await inspector.getByRole("textbox", { name: "Compared with" }).fill("100");
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-if-conditions");

  const data = page.getByRole("complementary", { name: "Node data" });
  await data.getByRole("button", { name: "Show input and output" }).click();
  await data.getByRole("button", { name: "Test this node" }).click();
  await expect(data.getByTestId("tested-branch")).toHaveText(/Took the\s*true\s*branch/);
  await inspector.getByRole("textbox", { name: "Compared with" }).fill("1000");
  await data.getByRole("button", { name: "Test this node" }).click();
  await expect(data.getByTestId("tested-branch")).toHaveText(/Took the\s*false\s*branch/);

  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByText(/draft not published/i).first()).toBeVisible();
  const saved = (await (await request.get(`/api/workflows/${id}`)).json()) as { draft: { nodes: { id: string; typeVersion?: number; config: Record<string, unknown> }[] } };
  expect(saved.draft.nodes.find((n) => n.id === "if_1")).toMatchObject({ typeVersion: 2, config: { conditions: [{ left: "{{ trigger.amount }}", operator: "greaterThan", right: "1000" }], combine: "and" } });
});
