import type { FieldBadge } from "./field-shell";

export const EXPRESSION_BADGE: FieldBadge = {
  text: "{{ }}",
  explanation: "Insert data with {{ expression }}, e.g. {{ trigger.body.email }}. Expressions are JSONata over trigger, steps, run and input.",
};

export const JSONATA_BADGE: FieldBadge = {
  text: "JSONata",
  explanation: "A JSONata expression, evaluated when the step runs against { trigger, steps, run, input }.",
};

export const JSON_BADGE: FieldBadge = {
  text: "JSON",
  explanation:
    'Any JSON value: an object, array, string, number, true, false or null. {{ expression }} may stand for a value, e.g. { "id": {{ steps.set_1.id }} }, or for the whole value, e.g. {{ steps.set_1 }}.',
};
