import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { saveScreenshot } from "./support/artifacts";
import { canvasNode } from "./support/canvas";
import { publishAndRun } from "./support/editor";

const TOKEN = "7012345678:AAHe2eTelegramBotToken";

/** A local Telegram Bot API: answers sendMessage and editMessageText for TOKEN, as Telegram does. */
let api: http.Server;
let apiUrl: string;
const calls: { method: string; body: Record<string, unknown> }[] = [];

test.beforeAll(async () => {
  api = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const method = (request.url ?? "").match(new RegExp(`^/bot${TOKEN}/(\\w+)$`))?.[1];
      const args = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      response.writeHead(method ? 200 : 401, { "content-type": "application/json" });
      if (!method) return response.end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
      if (method === "getMe") return response.end(JSON.stringify({ ok: true, result: { id: 7012345678, is_bot: true, username: "switchboard_e2e_bot" } }));
      calls.push({ method, body: args });
      response.end(JSON.stringify({ ok: true, result: { message_id: 77, chat: { id: Number(args.chat_id) }, text: args.text } }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

test("an app is connected from its node with an API key, two of its actions are added from the palette, and the workflow runs them", async ({ page, request }) => {
  const connectionName = `Telegram bot ${Date.now()}`;
  const created = await request.post("/api/workflows", {
    data: { version: 1, name: `Telegram alerts ${Date.now()}`, nodes: [{ id: "start", type: "trigger.manual", position: { x: 80, y: 160 }, config: {} }], edges: [] },
  });
  const { id } = await created.json();
  await page.goto(`/workflows/${id}`);

  // With the trigger selected, the palette's action is appended after it, connected.
  await canvasNode(page, "start").click();
  const palette = page.getByRole("complementary", { name: "Nodes" });
  await palette.getByRole("searchbox", { name: "Search nodes" }).fill("telegram");
  const telegram = palette.getByRole("region", { name: "Telegram" });
  await telegram.getByRole("button", { name: /^Send message/ }).click();
  await expect(canvasNode(page, "send_message_1")).toContainText("Telegram: Send message");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);

  // "New connection" on the node opens the Connections page with the form filled for Telegram.
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  const newConnection = inspector.getByRole("link", { name: "New connection" });
  await expect(newConnection).toHaveAttribute("href", "/connections?new=telegram");
  const [tab] = await Promise.all([page.waitForEvent("popup"), newConnection.click()]);
  const dialog = tab.getByRole("dialog", { name: "New connection" });
  await expect(dialog.getByRole("radio", { name: "API key" })).toHaveAttribute("aria-checked", "true");
  await expect(dialog.getByLabel("Name")).toHaveValue("Telegram");
  await expect(dialog.getByTestId("connection-app-help")).toContainText("@BotFather");
  await expect(dialog.getByRole("combobox", { name: "Send the key in" })).toContainText("The URL path");
  await dialog.getByLabel("Name").fill(connectionName);
  await dialog.getByLabel(/^API key/).fill(TOKEN);
  await dialog.getByLabel("API base URL").fill(apiUrl);
  // The Test URL is the app's own cheap call (Telegram's getMe); pointed at the local fake, "Save and test" checks the token.
  await expect(dialog.getByLabel("Test URL")).toHaveValue("https://api.telegram.org/bot{key}/getMe");
  await dialog.getByLabel("Test URL").fill(`${apiUrl}/bot{key}/getMe`);
  await saveScreenshot(tab, "connectors-new-app-connection");
  await dialog.getByRole("button", { name: "Save and test" }).click();
  await expect(dialog.getByRole("status")).toContainText("Connection works");
  await expect(dialog.getByRole("status")).not.toContainText(TOKEN);
  await dialog.getByRole("button", { name: "Close", exact: true }).first().click();
  // The app's documented limit (a message a second per chat) is switched on for the new connection.
  await expect(tab.getByRole("row").filter({ hasText: connectionName })).toContainText("1/s");
  await tab.close();

  // Back in the editor the new connection is offered, and the action is filled in.
  const chooseConnection = async () => {
    await inspector.getByRole("combobox", { name: "Connection" }).click();
    await page.getByRole("option", { name: connectionName }).click();
  };
  await chooseConnection();
  await inspector.getByRole("textbox", { name: "Chat" }).fill("-1001234567890");
  await inspector.getByRole("textbox", { name: "Text" }).fill("Order received");

  // A second action, appended after the first, reads the first one's output.
  await telegram.getByRole("button", { name: /^Edit message/ }).click();
  await expect(canvasNode(page, "edit_message_text_1")).toContainText("Telegram: Edit message");
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await chooseConnection();
  await inspector.getByRole("textbox", { name: "Chat" }).fill("-1001234567890");
  // Before anything has run, autocomplete offers the first action's output fields from Telegram's documented answer.
  const messageId = inspector.getByRole("textbox", { name: "Message id" });
  await messageId.click();
  await messageId.pressSequentially("{{ steps.send_message_1.");
  const suggestions = inspector.getByRole("listbox", { name: "Data you can insert" });
  await expect(suggestions.getByRole("option", { name: /^message_id/ })).toBeVisible();
  await expect(suggestions.getByRole("option", { name: /^chat/ })).toBeVisible();
  await saveScreenshot(page, "connectors-autocomplete-sample");
  await suggestions.getByRole("option", { name: /^message_id/ }).click();
  await messageId.pressSequentially(" }}");
  await expect(messageId).toHaveValue("{{ steps.send_message_1.message_id }}");
  await inspector.getByRole("textbox", { name: "Text" }).fill("Order packed");
  await expect(page.getByText("No problems")).toBeVisible();
  await saveScreenshot(page, "connectors-two-actions");

  // The connection paces calls at Telegram's one a second, so the second call may wait its turn.
  const runId = await publishAndRun(page, request);
  await expect(page.locator("header, main").getByText("Completed").first()).toBeVisible();

  expect(calls).toEqual([
    { method: "sendMessage", body: { chat_id: "-1001234567890", text: "Order received" } },
    { method: "editMessageText", body: { chat_id: "-1001234567890", message_id: 77, text: "Order packed" } },
  ]);
  expect(JSON.stringify(await (await request.get(`/api/runs/${runId}`)).json())).not.toContain(TOKEN);
  await saveScreenshot(page, "connectors-run");
});

/** A new empty workflow in the editor with the trigger found by `search` in the palette added: its settings panel. */
async function addPaletteTrigger(page: Page, request: APIRequestContext, workflowName: string, search: string, trigger: RegExp) {
  const created = await request.post("/api/workflows", { data: { version: 1, name: `${workflowName} ${Date.now()}`, nodes: [], edges: [] } });
  const { id } = await created.json();
  await page.goto(`/workflows/${id}`);
  const palette = page.getByRole("complementary", { name: "Nodes" });
  await palette.getByRole("searchbox", { name: "Search nodes" }).fill(search);
  await palette.getByRole("region", { name: "Triggers" }).getByRole("button", { name: trigger }).click();
  return page.getByRole("complementary", { name: "Node settings" });
}

test("an app trigger is found among the triggers, named with its app, and says how the app is subscribed", async ({ page, request }) => {
  const inspector = await addPaletteTrigger(page, request, "Stripe payments", "stripe", /^Stripe: On event/);
  await expect(canvasNode(page, "stripe_on_event")).toContainText("Stripe: On event");
  await expect(inspector.getByTestId("app-trigger-details")).toContainText("registers its webhook URL with Stripe");
  await expect(inspector.getByRole("link", { name: "New connection" })).toHaveAttribute("href", "/connections?new=stripe");
  await saveScreenshot(page, "connectors-app-trigger");
});

test("the Airtable record-change trigger asks for the base, the table, the changes and the watched fields, and says which token scope registers it", async ({ page, request }) => {
  const inspector = await addPaletteTrigger(page, request, "Airtable changes", "airtable", /^Airtable: On record change/);
  await expect(page.locator(".react-flow__node")).toContainText("Airtable: On record");
  await expect(inspector.getByTestId("app-trigger-details")).toContainText("registers its webhook URL with Airtable and refreshes the registration before it expires");
  await expect(inspector.getByTestId("app-trigger-details")).toContainText("each record changed starts one run");
  await expect(inspector).toContainText("webhook:manage");
  await inspector.getByRole("textbox", { name: "Base id" }).fill("appZ7bGfVfBPLp1gB");
  await inspector.getByRole("textbox", { name: "Table id" }).fill("Places");
  await expect(inspector.getByText("Enter the table's id: tbl… (in the table's URL)")).toBeVisible();
  await inspector.getByRole("textbox", { name: "Table id" }).fill("tblQ0yUkzIBcl0w3X");
  await expect(inspector.getByText("Enter the table's id: tbl… (in the table's URL)")).toHaveCount(0);
  const changes = inspector.getByRole("group", { name: "Changes" });
  await expect(changes.getByRole("button", { name: "created" })).toHaveAttribute("aria-pressed", "true");
  await expect(changes.getByRole("button", { name: "deleted" })).toHaveAttribute("aria-pressed", "false");
  await expect(inspector.getByRole("group", { name: "Only when these fields change" })).toBeVisible();
  await expect(inspector.getByRole("link", { name: "New connection" })).toHaveAttribute("href", "/connections?new=airtable");
  await saveScreenshot(page, "connectors-airtable-trigger");
  // The fields below the connection, scrolled into view.
  await inspector.getByRole("group", { name: "Only when these fields change" }).scrollIntoViewIfNeeded();
  await saveScreenshot(page, "connectors-airtable-trigger-fields");
});

test("the Google Sheets new-row trigger says it polls, and asks for the spreadsheet, the tab, the header row and the interval", async ({ page, request }) => {
  const inspector = await addPaletteTrigger(page, request, "Sign ups", "sheets", /^Google Sheets: On new row/);
  await expect(page.locator(".react-flow__node")).toContainText("Google Sheets: On new row");
  await expect(inspector.getByTestId("app-trigger-details")).toContainText("Switchboard asks Google Sheets for new items every “Poll every”");
  await expect(inspector.getByTestId("app-trigger-details").getByRole("link", { name: "Deliveries" })).toHaveCount(0);
  await inspector.getByRole("textbox", { name: "Spreadsheet id" }).fill("{{ trigger.body.id }}");
  await expect(inspector.getByText("Enter the spreadsheet id: the long id in the sheet's URL (/d/<id>/edit)")).toBeVisible();
  await inspector.getByRole("textbox", { name: "Spreadsheet id" }).fill("1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms");
  await expect(inspector.getByText("Enter the spreadsheet id: the long id in the sheet's URL (/d/<id>/edit)")).toHaveCount(0);
  await expect(inspector.getByRole("textbox", { name: "Sheet", exact: true })).toHaveValue("Sheet1");
  await expect(inspector.getByText("Header row", { exact: true })).toBeVisible();
  await expect(inspector.getByText("Poll every", { exact: true })).toBeVisible();
  await expect(inspector.getByRole("link", { name: "New connection" })).toHaveAttribute("href", "/connections?new=google-sheets");
  await saveScreenshot(page, "connectors-polled-trigger");
});

test("a Slack trigger shows the URL to paste into the Slack app, and where to paste it", async ({ page, request }) => {
  const trigger = { id: "slack_event", type: "slack.onEvent", position: { x: 0, y: 0 }, config: { signingSecret: "8f742231b10e8888abcd99yyyzzz85a5", events: ["message", "app_mention"], ignoreBots: true } };
  const created = await request.post("/api/workflows", { data: { version: 1, name: `Support channel ${Date.now()}`, nodes: [trigger], edges: [] } });
  expect(created.status()).toBe(201);
  const { id, webhookUrl } = await created.json();
  await page.goto(`/workflows/${id}`);
  await canvasNode(page, "slack_event").click();
  const inspector = page.getByRole("complementary", { name: "Node settings" });
  await expect(inspector.getByTestId("app-trigger-details")).toContainText("open Event Subscriptions");
  await expect(inspector.getByRole("textbox", { name: "Webhook URL" })).toHaveValue(webhookUrl);
  // A trigger set up in Slack needs no connection; the signing secret stays masked.
  await expect(inspector.getByRole("link", { name: "New connection" })).toHaveCount(0);
  await expect(inspector.getByRole("button", { name: "message", pressed: true })).toBeVisible();
  await saveScreenshot(page, "connectors-slack-trigger");
});
