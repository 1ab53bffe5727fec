import { expect, test, type APIRequestContext } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode } from "./support/canvas";

async function createWorkflow(request: APIRequestContext, document: Record<string, unknown>): Promise<{ id: string; webhookUrl?: string }> {
  const response = await request.post("/api/workflows", { data: { version: 1, ...document } });
  expect(response.status()).toBe(201);
  return response.json();
}

const edges = (...ids: string[]) => ids.slice(1).map((target, i) => ({ id: `e${i}`, source: ids[i], target }));

async function runOutput(request: APIRequestContext, runId: string, nodeId: string) {
  let run: { status: string; steps: { nodeId: string; status: string; output: unknown }[] } = { status: "queued", steps: [] };
  await expect.poll(async () => (run = await (await request.get(`/api/runs/${runId}`)).json()).status).toBe("completed");
  return run.steps.find((s) => s.nodeId === nodeId);
}

test("an active workflow keeps running its published version while its draft is edited, until it is published", async ({ page, request }) => {
  const { id, webhookUrl } = await createWorkflow(request, {
    name: `Order hook ${Date.now()}`,
    nodes: [
      { id: "hook", type: "trigger.webhook", position: { x: 0, y: 0 }, config: {} },
      { id: "shape", type: "transform.map", position: { x: 320, y: 0 }, config: { expression: '{ "version": "first", "id": trigger.body.id }' } },
    ],
    edges: edges("hook", "shape"),
  });
  const deliver = async (orderId: number) => {
    const response = await request.post(webhookUrl!, { data: { id: orderId } });
    expect(response.status()).toBe(202);
    return (await response.json()).runId as string;
  };

  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "shape").click();
  await page.getByRole("complementary", { name: "Node settings" }).getByRole("textbox", { name: "Expression" }).fill('{ "version": "second", "id": trigger.body.id }');
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByRole("status").filter({ hasText: "draft not published" })).toBeVisible();

  expect((await runOutput(request, await deliver(1), "shape"))?.output).toEqual({ version: "first", id: 1 });

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByRole("dialog", { name: "Publish changes" }).getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved · v2 published" })).toBeVisible();
  expect((await runOutput(request, await deliver(2), "shape"))?.output).toEqual({ version: "second", id: 2 });

  // The workflows list says when a workflow has unpublished changes.
  await canvasNode(page, "shape").click();
  await page.getByRole("complementary", { name: "Node settings" }).getByRole("textbox", { name: "Expression" }).fill('{ "version": "third" }');
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByRole("status").filter({ hasText: "draft not published" })).toBeVisible();
  await page.goto("/workflows");
  await expect(page.getByRole("row").filter({ hasText: "Order hook" }).first().getByText("v2 · unpublished changes")).toBeVisible();
});

test("a disabled node is greyed on the canvas and a run passes its input through it", async ({ page, request }) => {
  const { id } = await createWorkflow(request, {
    name: `Disable a step ${Date.now()}`,
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: { samplePayload: { n: 5 } } },
      { id: "double", type: "transform.map", position: { x: 320, y: 0 }, config: { expression: '{ "n": trigger.n * 2 }' } },
      { id: "add", type: "transform.map", position: { x: 640, y: 0 }, config: { expression: '{ "n": input.n + 1 }' } },
    ],
    edges: edges("start", "double", "add"),
  });
  await page.goto(`/workflows/${id}`);
  const double = canvasNode(page, "double");
  await double.click();
  await page.getByRole("button", { name: "Close node settings" }).click();
  await double.click();
  await page.keyboard.press("d");
  await expect(double.getByText("Disabled")).toBeVisible();
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-disabled-node");

  // The inspector's button turns it back on and off again, as one more undoable change each.
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await inspector.getByRole("button", { name: "Enable node" }).click();
  await expect(double.getByText("Disabled")).toHaveCount(0);
  await inspector.getByRole("button", { name: "Disable node" }).click();
  await expect(double.getByText("Disabled")).toBeVisible();

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Run workflow" });
  await expect(dialog.getByRole("checkbox", { name: "Publish my changes first" })).toBeChecked();
  await dialog.getByRole("button", { name: "Run workflow" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  const runId = page.url().split("/").pop()!;
  expect(await runOutput(request, runId, "add")).toMatchObject({ status: "completed", output: { n: 6 } });
  expect(await runOutput(request, runId, "double")).toMatchObject({ status: "skipped", output: { n: 5 } });
  const steps = page.getByRole("list", { name: "Steps" });
  await steps.getByRole("listitem").filter({ has: page.getByText("double", { exact: true }) }).getByRole("button").first().click();
  await expect(page.getByText("The node is disabled: its input was passed through unchanged.")).toBeVisible();
});

test("version history compares a published version with the canvas and restores it as the draft", async ({ page, request }) => {
  const { id } = await createWorkflow(request, {
    name: `Versions ${Date.now()}`,
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
      { id: "shape", type: "transform.map", position: { x: 320, y: 0 }, config: { expression: '{ "v": 1 }' } },
    ],
    edges: edges("start", "shape"),
  });
  await page.goto(`/workflows/${id}`);
  const settings = page.getByRole("complementary", { name: "Node settings" });
  await canvasNode(page, "shape").click();
  await settings.getByRole("textbox", { name: "Expression" }).fill('{ "v": 2 }');
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const publishDialog = page.getByRole("dialog", { name: "Publish changes" });
  await publishDialog.getByRole("textbox", { name: "What changed (optional)" }).fill("Second shape");
  await publishDialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved · v2 published" })).toBeVisible();

  await page.getByRole("button", { name: "Version history" }).click();
  const history = page.getByRole("dialog");
  const versions = history.getByRole("list", { name: "Published versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(2);
  await expect(versions.getByRole("listitem").first()).toContainText("Second shape");
  await history.getByRole("button", { name: "Compare v1 with current" }).click();
  const changes = history.getByRole("region", { name: /Changes from v1 to current/ });
  await expect(changes).toContainText("shape");
  await expect(changes).toContainText('{ "v": 1 }');
  await expect(changes).toContainText('{ "v": 2 }');
  // The same changes marked on a drawing of the workflow.
  await expect(changes.getByTestId("version-diff-canvas").getByRole("img", { name: "Map (shape): Changed" })).toBeVisible();
  await expect(changes.getByTestId("version-diff-canvas").getByRole("img", { name: "Manual trigger (start): Unchanged" })).toBeVisible();
  await page.mouse.move(0, 0);
  await saveScreenshot(page, "editor-version-diff");
  // Two published versions compared with each other.
  await changes.getByRole("combobox", { name: "Compare with" }).selectOption("2");
  const between = history.getByRole("region", { name: /Changes from v1 to v2/ });
  await expect(between.getByRole("columnheader", { name: "v2" })).toBeVisible();
  await expect(between).toContainText('{ "v": 2 }');
  await between.getByRole("button").first().click();

  await history.getByRole("button", { name: "Restore v1 as the draft" }).click();
  await history.getByRole("button", { name: "Restore v1", exact: true }).click();
  await expect(history).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "draft not published" })).toBeVisible();
  await canvasNode(page, "shape").click();
  await expect(settings.getByRole("textbox", { name: "Expression" })).toHaveValue('{ "v": 1 }');
  const stored = await (await request.get(`/api/workflows/${id}`)).json();
  expect(stored).toMatchObject({ version: 2, draft: { nodes: expect.arrayContaining([expect.objectContaining({ id: "shape", config: { expression: '{ "v": 1 }' } })]) } });
});
