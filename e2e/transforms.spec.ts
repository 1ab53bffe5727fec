import { expect, test } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode, connect, dropFromPalette, waitForStillCanvas } from "./support/canvas";

test("configure Edit fields and Code in the editor, run them and read their outputs", async ({ page, request }) => {
  const created = await request.post("/api/workflows", {
    data: { version: 1, name: "Greet customers", nodes: [{ id: "trigger", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }], edges: [] },
  });
  expect(created.status()).toBe(201);
  const { id: workflowId } = await created.json();
  await page.goto(`/workflows/${workflowId}`);
  await expect(canvasNode(page, "trigger")).toBeVisible();

  await dropFromPalette(page, "Edit fields", { x: 300, y: 420 });
  await dropFromPalette(page, "Code", { x: 300, y: 560 });
  await expect(page.locator(".react-flow__node")).toHaveCount(3);
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await page.getByRole("button", { name: "Close node settings" }).click();
  await waitForStillCanvas(page);
  await page.getByRole("button", { name: "Fit View" }).click();
  await connect(page, "trigger", "set_1");
  await connect(page, "set_1", "code_1");

  // Edit fields: the default change becomes greeting = "Hello {{ trigger.name }}", and a second one renames name.
  await canvasNode(page, "set_1").click();
  const first = inspector.getByRole("group", { name: "Change 1" });
  await first.getByRole("textbox", { name: "Field" }).fill("greeting");
  await first.getByRole("textbox", { name: "Value" }).fill("Hello {{ trigger.name }}");
  await inspector.getByRole("button", { name: "Add change" }).click();
  const second = inspector.getByRole("group", { name: "Change 2" });
  await second.getByRole("combobox", { name: "Action" }).click();
  await page.getByRole("option", { name: "rename" }).click();
  await second.getByRole("textbox", { name: "Field" }).fill("name");
  await second.getByRole("textbox", { name: "New name" }).fill("customer.name");
  await saveScreenshot(page, "transforms-edit-fields");

  // Code: {{ }} in the code stays as written; console output is kept.
  await canvasNode(page, "code_1").click();
  await inspector.getByRole("textbox", { name: "JavaScript" }).fill('console.log(input.greeting);\nreturn input.greeting.toUpperCase() + " {{ not an expression }}";');
  await saveScreenshot(page, "transforms-code");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const runDialog = page.getByRole("dialog", { name: "Run workflow" });
  await runDialog.getByLabel("Payload (JSON)").fill('{ "name": "Ada" }');
  await runDialog.getByRole("button", { name: "Run workflow" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  const steps = page.getByRole("list", { name: "Steps" });
  for (const nodeId of ["trigger", "set_1", "code_1"]) {
    await expect(steps.getByRole("listitem").filter({ has: page.getByText(nodeId, { exact: true }) }).getByText("Completed")).toBeVisible();
  }
  await saveScreenshot(page, "transforms-run");

  const run = await (await request.get(`/api/runs/${page.url().split("/").pop()}`)).json();
  const output = (nodeId: string) => run.steps.find((s: { nodeId: string }) => s.nodeId === nodeId).output;
  expect(output("set_1")).toEqual({ greeting: "Hello Ada", customer: { name: "Ada" } });
  expect(output("code_1")).toEqual({ result: "HELLO ADA {{ not an expression }}", logs: [{ level: "log", message: "Hello Ada" }] });
});
