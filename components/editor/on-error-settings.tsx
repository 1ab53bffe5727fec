"use client";

import { CircleStop, CornerDownRight, TriangleAlert, Waypoints } from "lucide-react";
import { RadioGroup } from "radix-ui";
import { useId } from "react";
import { cn } from "@/lib/utils";
import type { OnErrorMode } from "@/lib/document/schema";
import { SettingsSection } from "./settings-section";

const MODES: { value: OnErrorMode; title: string; explanation: string; icon: typeof CircleStop }[] = [
  { value: "fail", title: "Fail the run", explanation: "The run stops here and is marked failed.", icon: CircleStop },
  {
    value: "continue",
    title: "Continue with the error as output",
    explanation: "The run goes on along the normal output; this node's output becomes { error: { name, message } } for later steps to check.",
    icon: CornerDownRight,
  },
  {
    value: "branch",
    title: "Follow the error output",
    explanation: "The node gets a red “error” output, and the run follows it instead of the normal one. Connect it to the steps that handle the failure.",
    icon: Waypoints,
  },
];

interface OnErrorSettingsProps {
  mode: OnErrorMode | undefined;
  /** The node retries: failing means failing after the last attempt. */
  retries: boolean;
  /** Something is connected to the node's error output. */
  errorConnected: boolean;
  errors: string[];
  onChange: (mode: OnErrorMode | undefined) => void;
}

/** What a failure of the node does to the run: three explained choices as radio cards. */
export function OnErrorSettings({ mode = "fail", retries, errorConnected, errors, onChange }: OnErrorSettingsProps) {
  const id = useId();
  return (
    <SettingsSection title="On error" description={retries ? "What happens when the node still fails after its last attempt." : "What happens when the node fails."}>
      <RadioGroup.Root
        value={mode}
        // "fail" is the default, so it is stored as no setting at all.
        onValueChange={(value) => onChange(value === "fail" ? undefined : (value as OnErrorMode))}
        aria-label="On error"
        className="grid gap-2"
      >
        {MODES.map(({ value, title, explanation, icon: Icon }) => (
          <RadioGroup.Item
            key={value}
            value={value}
            aria-labelledby={`${id}-${value}`}
            aria-describedby={`${id}-${value}-explanation`}
            className={cn(
              "flex items-start gap-3 rounded-lg border bg-card p-3 text-left transition-colors hover:bg-accent/60",
              "focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-background focus-visible:outline-none",
              "data-[state=checked]:border-primary data-[state=checked]:bg-primary/5 data-[state=checked]:ring-1 data-[state=checked]:ring-primary",
            )}
          >
            <span aria-hidden className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full border border-input bg-background">
              <RadioGroup.Indicator className="size-2 rounded-full bg-primary" />
            </span>
            <span className="min-w-0 space-y-1">
              <span id={`${id}-${value}`} className="flex items-center gap-1.5 text-sm leading-tight font-medium">
                <Icon aria-hidden className={cn("size-3.5 shrink-0", value === "branch" ? "text-destructive" : "text-muted-foreground")} />
                {title}
              </span>
              <span id={`${id}-${value}-explanation`} className="block text-xs leading-relaxed text-muted-foreground">
                {explanation}
              </span>
            </span>
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      {mode === "branch" && !errorConnected && (
        <p className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-2.5 text-xs text-amber-800 dark:text-warning">
          <TriangleAlert className="mt-px size-3.5 shrink-0" />
          Nothing is connected to the error output yet, so a failure would quietly end this path of the run.
        </p>
      )}
      {errors.length > 0 && (
        <div role="alert" className="text-xs font-medium text-destructive">
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
    </SettingsSection>
  );
}
