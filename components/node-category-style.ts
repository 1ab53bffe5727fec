import type { NodeCategory } from "@/lib/nodes";

interface CategoryStyle {
  /** Group heading, e.g. in the editor's palette. */
  title: string;
  /** What one node of the category is called. */
  noun: string;
  /** Icon tile: tinted background and foreground. */
  tile: string;
  /** Foreground only, for drawings that tint with `currentColor` (flow previews). */
  tone: string;
  /** The node's accent bar on the canvas. */
  accent: string;
  /** The canvas MiniMap fill (a CSS colour). */
  minimap: string;
}

/**
 * One colour per node category, used wherever nodes appear (editor, workflows list, templates,
 * run steps), so a category looks the same everywhere and a workflow's shape reads at a glance.
 */
export const CATEGORY_STYLES: Record<NodeCategory, CategoryStyle> = {
  trigger: {
    title: "Triggers",
    noun: "Trigger",
    tile: "bg-amber-500/15 text-amber-700 dark:text-amber-400",
    tone: "text-amber-600 dark:text-amber-400",
    accent: "bg-amber-500",
    minimap: "oklch(0.77 0.16 70)",
  },
  action: {
    title: "Actions",
    noun: "Action",
    tile: "bg-sky-500/15 text-sky-700 dark:text-sky-400",
    tone: "text-sky-600 dark:text-sky-400",
    accent: "bg-sky-500",
    minimap: "oklch(0.68 0.15 237)",
  },
  transform: {
    title: "Transforms",
    noun: "Transform",
    tile: "bg-violet-500/15 text-violet-700 dark:text-violet-400",
    tone: "text-violet-600 dark:text-violet-400",
    accent: "bg-violet-500",
    minimap: "oklch(0.6 0.22 293)",
  },
  flow: {
    title: "Flow",
    noun: "Flow control",
    tile: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-400",
    tone: "text-emerald-600 dark:text-emerald-400",
    accent: "bg-emerald-500",
    minimap: "oklch(0.7 0.15 162)",
  },
};

export const CATEGORY_ORDER: NodeCategory[] = ["trigger", "action", "transform", "flow"];

/** How a node looks on a run's canvas (Open on canvas): its step's status in that run. */
export interface NodeRunStatusStyle {
  label: string;
  /** Ring around the node. */
  ring: string;
  /** The status chip on the node's corner. */
  chip: string;
}

export const NODE_RUN_STATUS_STYLES: Record<string, NodeRunStatusStyle> = {
  completed: { label: "Completed", ring: "ring-2 ring-success border-success", chip: "bg-success text-white" },
  failed: { label: "Failed", ring: "ring-2 ring-destructive border-destructive", chip: "bg-destructive text-destructive-foreground" },
  running: { label: "Running", ring: "ring-2 ring-primary border-primary animate-pulse", chip: "bg-primary text-primary-foreground" },
  retrying: { label: "Retrying", ring: "ring-2 ring-warning border-warning", chip: "bg-warning text-black" },
  sleeping: { label: "Sleeping", ring: "ring-2 ring-primary/50 border-primary/50", chip: "bg-secondary text-secondary-foreground" },
  waiting: { label: "Waiting", ring: "ring-2 ring-primary/50 border-primary/50", chip: "bg-secondary text-secondary-foreground" },
  cancelled: { label: "Cancelled", ring: "ring-2 ring-muted-foreground/50", chip: "bg-muted text-muted-foreground" },
  skipped: { label: "Skipped", ring: "opacity-60 border-dashed", chip: "bg-muted text-muted-foreground" },
  "not-run": { label: "Not run", ring: "opacity-50 border-dashed", chip: "bg-muted text-muted-foreground" },
};
