import type { Page } from "@playwright/test";
import path from "node:path";

/** Screenshots kept as test artifacts (e2e/artifacts/, uploaded by CI). */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join("e2e", "artifacts", `${name}.png`), fullPage: false });
}
