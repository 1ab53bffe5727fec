import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ExpressionInput } from "../expression-input";
import { EXPRESSION_BADGE } from "./badges";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

const DEFAULT_HELP = "Fixed text, or {{ expression }} to insert data from the trigger or earlier steps.";

/** A string field; it may embed `{{ expression }}` templates. */
export function TextField({ id, field, value, onChange, errors, nested }: FieldProps) {
  const expressions = field.expressions !== false;
  const help = field.description ?? (expressions && !nested ? DEFAULT_HELP : undefined);
  const text = value === undefined || value === null ? "" : String(value);
  const change = (next: string) => onChange(next === "" && !field.required ? undefined : next);
  const a11y = describedBy(id, { help, errors });
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={help} badge={expressions ? EXPRESSION_BADGE : undefined} errors={errors}>
      {expressions ? (
        <ExpressionInput id={id} value={text} onChange={change} multiline={field.kind === "textarea"} placeholder={field.placeholder} describedBy={a11y["aria-describedby"]} invalid={!!a11y["aria-invalid"]} />
      ) : field.kind === "textarea" ? (
        <Textarea id={id} value={text} onChange={(e) => change(e.target.value)} rows={3} placeholder={field.placeholder} {...a11y} />
      ) : (
        <Input id={id} value={text} onChange={(e) => change(e.target.value)} spellCheck={false} autoComplete="off" placeholder={field.placeholder} {...a11y} />
      )}
    </FieldShell>
  );
}
