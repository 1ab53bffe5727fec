"use client";

import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/** Every keyboard shortcut of the editor; "?" opens it. "Mod" is Ctrl, or ⌘ on a Mac. */
const SHORTCUTS: { group: string; keys: [string, string][] }[] = [
  {
    group: "Workflow",
    keys: [
      ["Mod+S", "Save the draft"],
      ["Mod+Z", "Undo"],
      ["Mod+Shift+Z or Ctrl+Y", "Redo"],
      ["Mod+F", "Find a node on the canvas"],
      ["?", "Show these shortcuts"],
    ],
  },
  {
    group: "Nodes",
    keys: [
      ["Mod+C / Mod+X / Mod+V", "Copy, cut, paste the selection (as workflow JSON)"],
      ["Mod+D", "Duplicate the selection"],
      ["Mod+A", "Select all"],
      ["Shift+click", "Add a node to the selection"],
      ["Enter or double-click", "Open the node view: input, settings and output"],
      ["Esc", "Back from the node view to the canvas"],
      ["D", "Disable or enable the selected nodes"],
      ["Delete or Backspace", "Delete the selection"],
      ["Enter (on a palette item)", "Add the node"],
    ],
  },
  {
    group: "Canvas",
    keys: [
      ["Shift+1", "Fit the workflow into view"],
      ["Shift+Alt+T", "Tidy up the workflow, or the selected nodes"],
      ["Shift+S", "Add a sticky note (double-click it to write Markdown)"],
      ["Drag on empty canvas", "Pan"],
      ["Mouse wheel or pinch", "Zoom"],
    ],
  },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>Mod is Ctrl, or ⌘ on a Mac. Shortcuts do not apply while you type in a field.</DialogDescription>
        </DialogHeader>
        <div className="space-y-4">
          {SHORTCUTS.map(({ group, keys }) => (
            <section key={group} aria-label={group}>
              <h3 className="mb-1.5 text-xs font-semibold text-muted-foreground uppercase">{group}</h3>
              <dl className="grid grid-cols-[minmax(0,11rem)_1fr] gap-x-4 gap-y-1.5 text-sm">
                {keys.map(([key, action]) => (
                  <div key={key} className="contents">
                    <dt>
                      <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
                    </dt>
                    <dd>{action}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </DialogContent>
    </Dialog>
  );
}
