import type { ConfigField } from "@/lib/editor/field-model";
import type { IssuePath } from "@/lib/editor/issues";

/** What every generated form control receives. */
export interface FieldProps {
  id: string;
  field: ConfigField;
  value: unknown;
  /** `undefined` removes the key from the config. */
  onChange: (value: unknown) => void;
  /** Every message about the field, nested ones included. */
  errors: string[];
  /** The same issues with paths inside the field (e.g. [1, "condition"]), for controls with parts. */
  issues?: { path: IssuePath; message: string }[];
  /** Inside a list item: the list explains the field, so generic help is left out and inputs are shorter. */
  nested?: boolean;
  /** The values of the fields beside this one (e.g. a cron field reads the time zone). */
  siblings?: Record<string, unknown>;
}
