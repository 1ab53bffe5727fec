import { mkdirSync } from "node:fs";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";

/** Where the signed-in owner's cookies are kept: every spec starts signed in (playwright.config.ts `use.storageState`). */
export const OWNER_STATE = path.resolve("e2e", ".auth", "owner.json");
export const E2E_OWNER = { email: "e2e-owner@example.com", password: "e2e-owner-password", name: "E2E Owner" };

/** Creates the first account (owner of the default workspace) on the fresh e2e server and saves its session. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!;
  const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  for (let ready = false; !ready; ) {
    ready = await context
      .get("/api/health")
      .then((r) => r.ok())
      .catch(() => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const response = await context.post("/api/auth/sign-up/email", { data: E2E_OWNER });
  if (!response.ok()) throw new Error(`Signing up the e2e owner failed: ${response.status()} ${await response.text()}`);
  mkdirSync(path.dirname(OWNER_STATE), { recursive: true });
  await context.storageState({ path: OWNER_STATE });
  await context.dispose();
}
