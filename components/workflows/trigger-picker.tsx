"use client";

import { CheckCircle2 } from "lucide-react";
import { RadioGroup } from "radix-ui";
import { CATEGORY_STYLES } from "@/components/node-category-style";
import { nodeDefinitions } from "@/lib/nodes";
import { cn } from "@/lib/utils";

export const triggerDefinitions = nodeDefinitions.filter((d) => d.category === "trigger");

/** Trigger types as selectable cards (a radio group: arrow keys move between them). */
export function TriggerPicker({ value, onChange, labelledBy }: { value: string; onChange: (type: string) => void; labelledBy: string }) {
  return (
    <RadioGroup.Root value={value} onValueChange={onChange} aria-labelledby={labelledBy} className="grid gap-3 sm:grid-cols-2">
      {triggerDefinitions.map((definition) => {
        const Icon = definition.icon;
        const labelId = `${labelledBy}-${definition.type}`;
        return (
          <RadioGroup.Item
            key={definition.type}
            value={definition.type}
            aria-labelledby={labelId}
            aria-describedby={`${labelId}-description`}
            className={cn(
              "group relative flex flex-col items-start gap-2 rounded-lg border bg-card p-4 text-left transition-colors hover:bg-accent/60",
              "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-background",
              "data-[state=checked]:border-primary data-[state=checked]:bg-primary/5 data-[state=checked]:ring-1 data-[state=checked]:ring-primary",
            )}
          >
            <span className={cn("flex size-9 items-center justify-center rounded-md", CATEGORY_STYLES[definition.category].tile)}>
              <Icon className="size-4.5" aria-hidden />
            </span>
            <span id={labelId} className="text-sm font-medium">
              {definition.label}
            </span>
            <span id={`${labelId}-description`} className="text-xs leading-relaxed text-muted-foreground">
              {definition.description}
            </span>
            <RadioGroup.Indicator className="absolute top-3 right-3 text-primary">
              <CheckCircle2 className="size-4.5" aria-hidden />
            </RadioGroup.Indicator>
          </RadioGroup.Item>
        );
      })}
    </RadioGroup.Root>
  );
}
