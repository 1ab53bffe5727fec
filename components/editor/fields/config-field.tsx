import { BooleanField } from "./boolean-field";
import { CodeField } from "./code-field";
import { CronField } from "./cron-field";
import { ConnectionField } from "./connection-field";
import { DurationField } from "./duration-field";
import { EnumField } from "./enum-field";
import { GroupField } from "./group-field";
import { JsonField } from "./json-field";
import { JsonataField } from "./jsonata-field";
import { KeyValueField } from "./key-value-field";
import { ListField } from "./list-field";
import { MultiSelectField } from "./multiselect-field";
import { NumberField } from "./number-field";
import { SecretField } from "./secret-field";
import { TextField } from "./text-field";
import type { FieldProps } from "./types";

/** The control for a config field, chosen by its kind. */
export function ConfigFieldControl(props: FieldProps) {
  switch (props.field.kind) {
    case "text":
    case "textarea":
      return <TextField {...props} />;
    case "jsonata":
      return <JsonataField {...props} />;
    case "json":
      return <JsonField {...props} />;
    case "keyvalue":
      return <KeyValueField {...props} />;
    case "duration":
      return <DurationField {...props} />;
    case "code":
      return <CodeField {...props} />;
    case "enum":
      return <EnumField {...props} />;
    case "boolean":
      return <BooleanField {...props} />;
    case "number":
      return <NumberField {...props} />;
    case "list":
      return <ListField {...props} />;
    case "secret":
      return <SecretField {...props} />;
    case "cron":
      return <CronField {...props} />;
    case "multiselect":
      return <MultiSelectField {...props} />;
    case "group":
      return <GroupField {...props} />;
    case "connection":
      return <ConnectionField {...props} />;
  }
}
