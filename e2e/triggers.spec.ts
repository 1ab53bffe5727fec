import { createHmac } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode } from "./support/canvas";

const SECRET = "gh_webhook_secret_e2e_9876";

async function createWorkflow(request: APIRequestContext, document: unknown): Promise<{ id: string; webhookUrl?: string }> {
  const response = await request.post("/api/workflows", { data: document });
  expect(response.status()).toBe(201);
  return response.json();
}

const node = (id: string, type: string, config: Record<string, unknown>, x = 80) => ({ id, type, position: { x, y: 160 }, config });

async function bothThemes(page: Page, name: string) {
  await page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveClass(/dark/);
  await saveScreenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: "light" });
}

test("webhook: signature settings with a saved secret, regenerating the URL, and the Deliveries page", async ({ page, request }) => {
  const { id, webhookUrl } = await createWorkflow(request, {
    version: 1,
    name: "GitHub pushes",
    nodes: [node("hook", "trigger.webhook", { signature: { scheme: "github", secret: SECRET }, dedup: { source: "header", header: "X-GitHub-Delivery" } }), node("shape", "transform.map", { expression: "trigger.body.ref" }, 360)],
    edges: [{ id: "e1", source: "hook", target: "shape" }],
  });
  const body = JSON.stringify({ ref: "refs/heads/main", commits: [{ id: "c1" }] });
  const signed = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  expect((await request.post(webhookUrl!, { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": signed, "x-github-delivery": "d-1" } })).status()).toBe(202);
  expect((await request.post(webhookUrl!, { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": signed, "x-github-delivery": "d-1" } })).status()).toBe(200);
  expect((await request.post(webhookUrl!, { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=forged" } })).status()).toBe(401);

  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "hook").click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  const signature = inspector.getByRole("group", { name: "Signature" });
  // The stored secret is never sent back: the field shows a masked hint with Replace.
  await expect(signature.getByText(/Saved/)).toBeVisible();
  await expect(signature.getByText("••••9876")).toBeVisible();
  await expect(signature.getByLabel("Timestamp tolerance (s)")).toHaveCount(0);
  await signature.scrollIntoViewIfNeeded();
  await bothThemes(page, "triggers-webhook-inspector");

  await signature.getByRole("combobox", { name: "Verification" }).click();
  await page.getByRole("option", { name: "stripe" }).click();
  await expect(signature.getByLabel("Timestamp tolerance (s)")).toBeVisible();
  await signature.getByRole("button", { name: "Replace" }).click();
  await expect(signature.getByLabel("Signing secret")).toHaveAttribute("type", "password");
  await signature.getByRole("button", { name: "Keep saved" }).click();
  await signature.getByRole("combobox", { name: "Verification" }).click();
  await page.getByRole("option", { name: "github" }).click();

  // Regenerate the URL: the old one stops working at once.
  await inspector.getByRole("button", { name: "Regenerate URL" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Regenerate the webhook URL?" });
  await saveScreenshot(page, "triggers-regenerate-confirm");
  await confirm.getByRole("button", { name: "Regenerate URL" }).click();
  await expect(inspector.getByRole("textbox", { name: "Webhook URL" })).not.toHaveValue(webhookUrl!);
  expect((await request.post(webhookUrl!, { data: "{}", headers: { "content-type": "application/json" } })).status()).toBe(404);

  // Deliveries from the top bar: newest first, the refusal with its reason, signature masked.
  await page.getByRole("link", { name: "Deliveries" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${id}/deliveries$`));
  await expect(page.getByRole("heading", { name: "Deliveries" })).toBeVisible();
  const list = page.getByRole("list", { name: "Deliveries" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await list.getByRole("button", { name: /Signature does not match/ }).click();
  await expect(page.getByText("Signature does not match").last()).toBeVisible();
  await expect(page.getByRole("row", { name: /x-hub-signature-256/ })).toContainText("••••••");
  await list.getByRole("button", { name: /Accepted/ }).click();
  await bothThemes(page, "triggers-deliveries");
  await page.getByRole("button", { name: "Re-send" }).click();
  await expect(page.getByText("Delivery re-sent")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(4);
});

test("schedule: the cron field explains the expression, lists the next 5 fire times and refuses invalid ones", async ({ page, request }) => {
  const { id } = await createWorkflow(request, {
    version: 1,
    name: "Weekday report",
    nodes: [node("every", "trigger.schedule", { mode: "cron", cron: "0 9 * * 1-5", timezone: "Europe/Berlin", missed: "skip" })],
    edges: [],
  });
  await request.patch(`/api/workflows/${id}`, { data: { active: false } });
  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "every").click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await expect(inspector.getByText("At 09:00, Monday through Friday")).toBeVisible();
  await expect(inspector.getByRole("list", { name: "Next fire times" }).getByRole("listitem")).toHaveCount(5);
  await expect(inspector.getByText("Next 5 runs (Europe/Berlin)")).toBeVisible();
  await bothThemes(page, "triggers-schedule-inspector");

  const cron = inspector.getByRole("textbox", { name: "Cron expression" });
  await cron.fill("61 * * * *");
  await expect(inspector.getByText(/Invalid value for minute/).first()).toBeVisible();
  await expect(inspector.getByRole("list", { name: "Next fire times" })).toHaveCount(0);
  await inspector.getByRole("button", { name: "Hourly" }).click();
  await expect(inspector.getByText("Every hour")).toBeVisible();

  await inspector.getByRole("combobox", { name: "Repeat" }).click();
  await page.getByRole("option", { name: "interval" }).click();
  await expect(inspector.getByRole("textbox", { name: "Cron expression" })).toHaveCount(0);
  await expect(inspector.getByRole("textbox", { name: "Every" })).toBeVisible();
});

test("the workflows list shows each workflow's trigger, what it listens for and when it last fired", async ({ page, request }) => {
  const listener = await createWorkflow(request, { version: 1, name: "Order events", nodes: [node("on", "trigger.event", { events: ["shop.order.*"] })], edges: [] });
  await createWorkflow(request, { version: 1, name: "Poll the CRM", nodes: [node("poll", "trigger.poll", { url: "", interval: "10m" })], edges: [] });
  expect((await request.post("/api/events", { data: { name: "shop.order.paid", data: { orderId: "o-1" } } })).status()).toBe(202);
  await page.goto("/workflows");
  const row = page.getByRole("row", { name: /Order events/ });
  await expect(row).toContainText("shop.order.*");
  await expect(row).toContainText(/Last triggered/);
  await expect(page.getByRole("row", { name: /Poll the CRM/ })).toContainText("No URL yet");
  await expect(page.getByRole("row", { name: /GitHub pushes/ })).toContainText("POST · GitHub signature");
  await bothThemes(page, "triggers-workflows-list");
  void listener;
});
