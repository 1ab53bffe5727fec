"use client";

import { ChevronRight } from "lucide-react";
import { Collapsible } from "radix-ui";
import { Card } from "@/components/ui/card";
import { JsonView } from "./json-view";

/** A titled, collapsible card around a JSON value, e.g. the run's trigger payload. */
export function JsonSection({ title, description, value, emptyLabel }: { title: string; description: React.ReactNode; value: unknown; emptyLabel: string }) {
  return (
    <Collapsible.Root defaultOpen asChild>
      <Card className="group overflow-hidden">
        <Collapsible.Trigger asChild>
          <button
            type="button"
            className="flex w-full items-center gap-3 px-5 py-4 text-left transition-colors hover:bg-muted/50 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none focus-visible:ring-inset"
          >
            <ChevronRight className="size-4 text-muted-foreground transition-transform group-data-[state=open]:rotate-90" aria-hidden />
            <span className="space-y-1">
              <span className="block font-semibold leading-none">{title}</span>
              <span className="block text-sm text-muted-foreground">{description}</span>
            </span>
          </button>
        </Collapsible.Trigger>
        <Collapsible.Content className="px-5 pb-5">
          <JsonView value={value} emptyLabel={emptyLabel} copyLabel={`Copy ${title.toLowerCase()}`} downloadName={title.toLowerCase().replace(/\s+/g, "-")} />
        </Collapsible.Content>
      </Card>
    </Collapsible.Root>
  );
}
