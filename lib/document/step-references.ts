/** `steps.<id>` in a node's expressions and templates: a reference to another node's output. */
export const STEP_REFERENCE = /\bsteps\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** The node ids that the configs of `nodes` name as `steps.<id>`. */
export function referencedSteps(nodes: readonly { config?: unknown }[]): Set<string> {
  const ids = new Set<string>();
  for (const node of nodes) {
    for (const match of JSON.stringify(node.config ?? {}).matchAll(STEP_REFERENCE)) ids.add(match[1]);
  }
  return ids;
}
