/**
 * Editor benchmark: `npm run bench:editor` (options: `-- --sizes 100,500`, `--shapes chain`,
 * `--profile <dir>` to save a Chrome CPU profile of each opening). Serves the production build
 * (e2e/support/serve.mjs, built if missing) on port 3290 (`BENCH_EDITOR_PORT`) with a throwaway
 * SQLite database, creates workflows of 100, 500 and 2,000 nodes through the API (a chain of
 * transform.map nodes, and a wide tree where every node branches to four) and prints for each:
 * - drawn: time from navigation until every node inside the viewport is on the canvas and measured;
 * - drag / pan: frames per second while dragging one node for 3 s, and while panning for 3 s;
 * - heap: the page's used JS heap after a garbage collection (CDP).
 * The server renders one editor page first: its first page render (about 0.4 s) would otherwise
 * be timed in the drawn time of the first workflow measured only.
 * Chromium comes from Debian (/usr/bin/chromium, `CHROMIUM_PATH`). Nothing leaves 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, request, type APIRequestContext, type Browser, type BrowserContextOptions, type CDPSession, type Page } from "@playwright/test";
import { NODE_HEIGHT, NODE_WIDTH } from "../lib/editor/placement";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const SIZES = arg("--sizes", "100,500,2000").split(",").map(Number);
const SHAPES = arg("--shapes", "chain,tree").split(",") as Shape[];
const PROFILE_DIR = arg("--profile", "");
const PORT = Number(process.env.BENCH_EDITOR_PORT ?? 3290);
const BASE = `http://127.0.0.1:${PORT}`;
const VIEWPORT = { width: 1280, height: 720 };
const INTERACT_MS = 3000;
const DRAWN_TIMEOUT_MS = Number(arg("--timeout", "120000"));
const OWNER = { email: "bench-owner@example.com", password: "bench-owner-password", name: "Bench Owner" };

type Shape = "chain" | "tree";
interface DocNode {
  id: string;
  type: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}

/** A chain laid out in rows of 20 (a snake), or a tree where node i's parent is (i - 1) / 4, one column per depth. */
function workflow(shape: Shape, size: number) {
  const nodes: DocNode[] = [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }];
  const edges: { id: string; source: string; target: string }[] = [];
  const depth = [0];
  const rowOfDepth = new Map<number, number>();
  for (let i = 1; i < size; i++) {
    const id = `map_${i}`;
    let position;
    let parent;
    if (shape === "chain") {
      position = { x: (i % 20) * 320, y: Math.floor(i / 20) * 128 };
      parent = nodes[i - 1].id;
    } else {
      const p = Math.floor((i - 1) / 4);
      depth[i] = depth[p] + 1;
      const row = rowOfDepth.get(depth[i]) ?? 0;
      rowOfDepth.set(depth[i], row + 1);
      position = { x: depth[i] * 320, y: row * 96 };
      parent = nodes[p].id;
    }
    nodes.push({ id, type: "transform.map", position, config: { expression: `input ~> | $ | { "step": ${i} } |` } });
    edges.push({ id: `e_${i}`, source: parent, target: id });
  }
  return { version: 1, name: `Bench ${shape} ${size}`, nodes, edges };
}

async function startServer() {
  const server = spawn(process.execPath, ["e2e/support/serve.mjs"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, E2E_PORT: String(PORT) } });
  const api = await request.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE } });
  for (let started = Date.now(); !(await api.get("/api/health").then((r) => r.ok(), () => false)); ) {
    if (Date.now() - started > 600_000) throw new Error("The server did not start");
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const signUp = await api.post("/api/auth/sign-up/email", { data: OWNER });
  if (!signUp.ok()) throw new Error(`Sign-up failed: ${signUp.status()} ${await signUp.text()}`);
  return { server, api };
}

/** Resolves, in the page, the time (ms since navigation) when every node inside the pane is drawn and measured. */
function waitUntilDrawn(page: Page, nodes: DocNode[]) {
  const boxes = nodes.map((n) => [n.id, n.position.x, n.position.y] as const);
  return page.waitForFunction(
    ({ boxes, width, height }) => {
      const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
      const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
      if (!viewport || !pane) return false;
      const match = /translate\(([-\d.e]+)px, ?([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec(viewport.style.transform);
      if (!match) return false;
      const [tx, ty, zoom] = match.slice(1).map(Number);
      const drawn = new Set<string>();
      for (const el of document.querySelectorAll<HTMLElement>(".react-flow__node")) {
        if (el.style.visibility !== "hidden" && el.offsetWidth > 0) drawn.add(el.dataset.id ?? "");
      }
      for (const [id, x, y] of boxes) {
        const left = x * zoom + tx;
        const top = y * zoom + ty;
        const inside = left + width * zoom > 0 && left < pane.width && top + height * zoom > 0 && top < pane.height;
        if (inside && !drawn.has(id)) return false;
      }
      // The view is fitted once nodes are measured: wait for the transform React Flow settles on.
      return drawn.size > 0 ? performance.now() : false;
    },
    { boxes, width: NODE_WIDTH, height: NODE_HEIGHT },
    { polling: "raf", timeout: DRAWN_TIMEOUT_MS },
  );
}

/** Counts animation frames in the page while `work` runs. */
async function framesPerSecond(page: Page, work: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { benchFrames: number; benchCounting: boolean };
    w.benchFrames = 0;
    w.benchCounting = true;
    const tick = () => {
      if (!w.benchCounting) return;
      w.benchFrames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await work();
  const seconds = (Date.now() - started) / 1000;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { benchFrames: number; benchCounting: boolean };
    w.benchCounting = false;
    return w.benchFrames;
  });
  return frames / seconds;
}

/** Moves the pressed mouse in a circle around `from` for INTERACT_MS, one move per event-loop turn. */
async function circle(page: Page, from: { x: number; y: number }, radius: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const started = Date.now();
  while (Date.now() - started < INTERACT_MS) {
    const angle = ((Date.now() - started) / 1000) * Math.PI;
    await page.mouse.move(from.x + radius * Math.sin(angle), from.y + radius * (1 - Math.cos(angle)) * 0.5);
  }
  await page.mouse.up();
}

/** A node fully inside the pane (its centre), and a point of the empty pane. */
function targets(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    const inside = (r: DOMRect) => r.left > pane.left + 40 && r.right < pane.right - 200 && r.top > pane.top + 40 && r.bottom < pane.bottom - 140;
    const node = [...document.querySelectorAll(".react-flow__node")].map((el) => el.getBoundingClientRect()).find(inside);
    let empty: { x: number; y: number } | undefined;
    for (let y = pane.top + 60; !empty && y < pane.bottom - 140; y += 20) {
      for (let x = pane.left + 60; !empty && x < pane.right - 220; x += 20) {
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) empty = { x, y };
      }
    }
    return { node: node && { x: node.left + node.width / 2, y: node.top + node.height / 2 }, empty };
  });
}

/** With `--profile`: writes the CPU profile recorded since Profiler.start to <dir>/<name>.cpuprofile (open it in Chrome DevTools). */
async function saveProfile(cdp: CDPSession, name: string) {
  const { profile } = await cdp.send("Profiler.stop");
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
}

async function profiled<T>(cdp: CDPSession, name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  await cdp.send("Profiler.start");
  const result = await work();
  await saveProfile(cdp, name);
  return result;
}

/** Has the server render the editor page of a small workflow once. */
async function warmUp(api: APIRequestContext) {
  const created = await api.post("/api/workflows", { data: workflow("chain", 2) });
  if (created.status() !== 201) throw new Error(`Creating the warm-up workflow failed: ${created.status()} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const page = await api.get(`/workflows/${id}`);
  if (!page.ok()) throw new Error(`The warm-up page failed: ${page.status()}`);
}

async function usedHeapMb(cdp: CDPSession) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize / 1024 / 1024;
}

async function measure(browser: Browser, storageState: BrowserContextOptions["storageState"], shape: Shape, size: number, id: string, nodes: DocNode[]) {
  const context = await browser.newContext({ storageState, viewport: VIEWPORT, baseURL: BASE });
  // tsx keeps function names with a `__name` helper that functions sent to the page would miss.
  await context.addInitScript("globalThis.__name = (fn) => fn");
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (PROFILE_DIR) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  const drawn = waitUntilDrawn(page, nodes);
  await page.goto(`/workflows/${id}`);
  const drawnMs = await drawn.then(
    async (handle) => (await handle.jsonValue()) as number,
    () => null,
  );
  if (PROFILE_DIR) await saveProfile(cdp, `open-${shape}-${size}`);
  if (drawnMs === null) {
    await context.close();
    return null;
  }
  await page.waitForTimeout(500);
  const { node, empty } = await targets(page);
  if (!node || !empty) throw new Error(`No node or empty pane to interact with (${shape} ${size})`);
  const dragFps = await profiled(cdp, `drag-${shape}-${size}`, () => framesPerSecond(page, () => circle(page, node, 120)));
  const panFps = await profiled(cdp, `pan-${shape}-${size}`, () => framesPerSecond(page, () => circle(page, empty, 200)));
  const heapMb = await usedHeapMb(cdp);
  await context.close();
  return { drawnMs, dragFps, panFps, heapMb };
}

async function main() {
  const { server, api } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const storageState = await api.storageState();
    await warmUp(api);
    console.log("shape   nodes   drawn (ms)   drag (fps)   pan (fps)   heap (MB)");
    for (const size of SIZES) {
      for (const shape of SHAPES) {
        const document = workflow(shape, size);
        const created = await api.post("/api/workflows", { data: document });
        if (created.status() !== 201) throw new Error(`Creating the ${shape} of ${size} failed: ${created.status()} ${await created.text()}`);
        const { id } = (await created.json()) as { id: string };
        const r = await measure(browser, storageState, shape, size, id, document.nodes);
        if (!r) {
          console.log(`${shape.padEnd(8)}${String(size).padStart(5)}   not drawn within ${DRAWN_TIMEOUT_MS / 1000} s`);
          continue;
        }
        console.log(
          `${shape.padEnd(8)}${String(size).padStart(5)}${r.drawnMs.toFixed(0).padStart(13)}${r.dragFps.toFixed(1).padStart(13)}${r.panFps.toFixed(1).padStart(12)}${r.heapMb.toFixed(1).padStart(12)}`,
        );
      }
    }
  } finally {
    await browser.close();
    await api.dispose();
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
