import { Textarea } from "@/components/ui/textarea";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

const CODE_BADGE = {
  text: "JavaScript",
  explanation: "Kept as written: {{ }} is not an expression here. The code reads input, trigger, steps and run as variables.",
};

/** Program text (e.g. a code node's JavaScript): monospace, grows with the code, no templates. */
export function CodeField({ id, field, value, onChange, errors }: FieldProps) {
  const text = typeof value === "string" ? value : "";
  const lines = text.split("\n").length;
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} badge={CODE_BADGE} errors={errors}>
      <Textarea
        id={id}
        value={text}
        onChange={(e) => onChange(e.target.value === "" && !field.required ? undefined : e.target.value)}
        rows={Math.min(24, Math.max(8, lines + 1))}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        className="font-mono text-xs leading-relaxed"
        {...describedBy(id, { help: field.description, errors })}
      />
    </FieldShell>
  );
}
