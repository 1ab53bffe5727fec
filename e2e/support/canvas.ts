import { expect, type Locator, type Page } from "@playwright/test";

export function paletteItem(page: Page, label: string): Locator {
  return page.getByRole("complementary", { name: "Nodes" }).getByRole("button", { name: new RegExp(`^${label}`) });
}

export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** Screen boxes of canvas nodes, all read in the same frame (a view that is still panning moves them between two separate reads). */
export async function canvasNodeBoxes(page: Page, ids: string[]): Promise<{ x: number; y: number; width: number; height: number }[]> {
  return page.evaluate(
    (nodeIds) =>
      nodeIds.map((id) => {
        const { x, y, width, height } = document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect();
        return { x, y, width, height };
      }),
    ids,
  );
}

export async function centreOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element is not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on `from`, moves in steps to `to` and releases: how a person drags. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // The first few pixels go towards the target: a nudge away from it can reach the canvas edge, where
  // a connection being dragged auto-pans the canvas.
  const distance = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  await page.mouse.move(from.x + ((to.x - from.x) / distance) * 12, from.y + ((to.y - from.y) / distance) * 12, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

/** Drops a palette item at a point of the canvas (pixels from its top left). */
export async function dropFromPalette(page: Page, label: string, at: { x: number; y: number }) {
  const item = paletteItem(page, label);
  // Only the palette's own list scrolls (the palette is longer than the window).
  await item.evaluate((element) => element.scrollIntoView({ block: "nearest", inline: "nearest" }));
  const canvas = await page.getByLabel("Workflow canvas").boundingBox();
  if (!canvas) throw new Error("no canvas");
  await drag(page, await centreOf(item), { x: canvas.x + at.x, y: canvas.y + at.y });
}

/**
 * Waits until the canvas has stopped moving for a few frames: the editor pans a newly selected
 * node into view with a short animation, and Fit View is applied on a later render. Positions
 * measured next are then where the pointer will find them.
 */
export async function waitForStillCanvas(page: Page) {
  const viewport = page.locator(".react-flow__viewport");
  let previous = await viewport.getAttribute("style");
  let unchanged = 0;
  await expect
    .poll(async () => {
      await page.waitForTimeout(100);
      const current = await viewport.getAttribute("style");
      unchanged = current === previous ? unchanged + 1 : 0;
      previous = current;
      return unchanged >= 3;
    })
    .toBe(true);
}

/** Connects the (first) output handle of one node to the input of another. */
export async function connect(page: Page, source: string, target: string) {
  await waitForStillCanvas(page);
  const edges = await page.locator(".react-flow__edge").count();
  const input = await centreOf(canvasNode(page, target).locator(".react-flow__handle.target"));
  // Released a little inside the node (the canvas snaps to a handle within 28 px): a handle right at
  // the canvas edge would otherwise make the canvas auto-pan under the pointer.
  await drag(page, await centreOf(canvasNode(page, source).locator(".react-flow__handle.source").first()), { x: input.x + 16, y: input.y });
  await expect(page.locator(".react-flow__edge")).toHaveCount(edges + 1);
}
