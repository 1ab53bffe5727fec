import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Publishes the open workflow from the editor's top bar, runs it from the Run dialog, and waits until the run has completed; returns the run's id. */
export async function publishAndRun(page: Page, request: APIRequestContext): Promise<string> {
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const publish = page.getByRole("dialog", { name: "Publish changes" });
  await publish.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(publish).toHaveCount(0);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.getByRole("dialog", { name: "Run workflow" }).getByRole("button", { name: "Run workflow" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  const runId = page.url().split("/runs/")[1];
  // Connections may pace calls (a rate limit), so a run can take a few seconds.
  await expect.poll(async () => ((await (await request.get(`/api/runs/${runId}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe("completed");
  return runId;
}
