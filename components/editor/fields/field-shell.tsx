import { Label } from "@/components/ui/label";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";

export interface FieldBadge {
  text: string;
  explanation: string;
}

interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  help?: string;
  badge?: FieldBadge;
  errors: string[];
  /** Label and control side by side (switches). */
  inline?: boolean;
  children: React.ReactNode;
}

/** Label, required marker, help text and inline errors around one form control. */
export function FieldShell({ id, label, required, help, badge, errors, inline, children }: FieldShellProps) {
  const labelRow = (
    <div className="flex items-center justify-between gap-2">
      <Label id={`${id}-label`} htmlFor={id} className="leading-snug">
        {label}
        {required && (
          <span aria-hidden className="ml-0.5 text-destructive">
            *
          </span>
        )}
      </Label>
      {badge && (
        <Tooltip>
          <TooltipTrigger asChild>
            <span tabIndex={0} className="rounded border bg-muted px-1.5 py-px font-mono text-[10px] text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
              {badge.text}
            </span>
          </TooltipTrigger>
          <TooltipContent side="left">{badge.explanation}</TooltipContent>
        </Tooltip>
      )}
    </div>
  );
  const helpText = help && (
    <p id={`${id}-help`} className="text-xs text-muted-foreground">
      {help}
    </p>
  );
  const errorText = errors.length > 0 && (
    <div id={`${id}-error`} role="alert" className="space-y-0.5 text-xs font-medium text-destructive">
      {errors.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );

  if (inline) {
    return (
      <div className="space-y-1.5">
        <div className="flex items-start justify-between gap-4">
          <div className="space-y-1">
            {labelRow}
            {helpText}
          </div>
          {children}
        </div>
        {errorText}
      </div>
    );
  }
  return (
    <div className="space-y-1.5">
      {labelRow}
      {children}
      {helpText}
      {errorText}
    </div>
  );
}

/** aria attributes tying a control to its help text and errors. */
export function describedBy(id: string, { help, errors }: { help?: string; errors: string[] }) {
  const ids = [help ? `${id}-help` : null, errors.length ? `${id}-error` : null].filter(Boolean);
  return { "aria-describedby": ids.length ? ids.join(" ") : undefined, "aria-invalid": errors.length ? true : undefined };
}
