import { expect, test } from "@playwright/test";
import { canvasNode } from "./support/canvas";

test("Listen for a test event: the test URL captures one request, shown in the webhook details, and starts no run", async ({ page, request }) => {
  const created = await request.post("/api/workflows", {
    data: {
      version: 1,
      name: "Test event hook",
      nodes: [
        { id: "hook", type: "trigger.webhook", position: { x: 0, y: 0 }, config: {} },
        { id: "shape", type: "transform.map", position: { x: 300, y: 0 }, config: { expression: "trigger.body" } },
      ],
      edges: [{ id: "e1", source: "hook", target: "shape" }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "hook").click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await inspector.getByRole("button", { name: "Listen for a test event" }).click();
  await expect(inspector.getByText("Waiting for a test event…")).toBeVisible();
  const testUrl = await inspector.getByRole("textbox", { name: "Test URL" }).inputValue();
  expect(testUrl).toMatch(/\/api\/hooks\/[^/]+\/test$/);

  const sent = await request.post(testUrl, { data: { order: "ord_77", total: 12.5 } });
  expect(sent.status()).toBe(200);
  const captured = inspector.getByTestId("captured-test-event");
  await expect(captured).toContainText('"order": "ord_77"');
  await expect(captured).toContainText('"method": "POST"');
  await expect(inspector.getByRole("button", { name: "Copy test event" })).toBeVisible();
  await expect(inspector.getByText("Waiting for a test event…")).toHaveCount(0);
  // The capture becomes the trigger's pinned sample (later nodes preview with it), saved with the draft.
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByRole("status").filter({ hasText: "draft not published" })).toBeVisible();
  const draft = (await (await request.get(`/api/workflows/${id}`)).json()).draft;
  expect(draft.pinData.hook).toMatchObject({ method: "POST", body: { order: "ord_77", total: 12.5 } });

  expect((await request.post(testUrl, { data: {} })).status()).toBe(404);
  const runs = (await (await request.get(`/api/runs?workflowId=${id}`)).json()) as { runs: unknown[] };
  expect(runs.runs).toEqual([]);
});
