import { expressionSyntaxError } from "@/lib/document/expressions";

/**
 * n8n expressions → Switchboard expressions. n8n writes JavaScript inside `{{ }}` (a parameter
 * value starting with "=" is an expression); Switchboard writes JSONata. The common references
 * translate exactly (`$json.x` → `input.x`, `$('Node').item.json.x` → `steps.node.x`, `$now`,
 * `$execution.id`) along with JavaScript's comparison and logic operators; anything else is kept as
 * written and reported, so a person checks it instead of it being silently changed or dropped.
 */

export interface TranslatedValue {
  value: unknown;
  /** Set when the value holds JavaScript the translation could not carry over with certainty. */
  review?: string;
}

/** A node name → node id lookup: n8n names nodes in references, Switchboard uses ids. */
export type NodeIds = (name: string) => string | undefined;

/** A parameter value: expression strings ("=…") translated, literals kept, objects and lists walked. */
export function translateValue(value: unknown, ids: NodeIds): TranslatedValue {
  if (typeof value === "string") return value.startsWith("=") ? translateTemplate(value.slice(1), ids) : { value };
  if (Array.isArray(value)) {
    const parts = value.map((item) => translateValue(item, ids));
    return { value: parts.map((p) => p.value), review: parts.find((p) => p.review)?.review };
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => [key, translateValue(item, ids)] as const);
    return { value: Object.fromEntries(entries.map(([key, p]) => [key, p.value])), review: entries.find(([, p]) => p.review)?.[1].review };
  }
  return { value };
}

/** Text with `{{ js }}` parts: each part translated to `{{ jsonata }}`. */
export function translateTemplate(template: string, ids: NodeIds): TranslatedValue {
  let review: string | undefined;
  const value = template.replace(/\{\{([\s\S]*?)\}\}/g, (_whole, source: string) => {
    const translated = translateExpression(source.trim(), ids);
    review ??= translated.review;
    return `{{ ${translated.value} }}`;
  });
  return { value, review };
}

/** A condition or other bare expression (no braces). */
export function translateExpression(source: string, ids: NodeIds): { value: string; review?: string } {
  let unknownNode: string | undefined;
  const step = (name: string) => {
    const id = ids(name);
    if (!id) unknownNode ??= name;
    return id ? `steps.${id}` : `steps.${JSON.stringify(name)}`;
  };
  let out = source
    // References to another node's output.
    .replace(/\$\(\s*(['"])(.*?)\1\s*\)\s*\.\s*(?:item|first\(\)|last\(\)|all\(\)\s*\[\s*0\s*\])\s*\.\s*json/g, (_m, _q, name: string) => step(name))
    .replace(/\$node\s*\[\s*(['"])(.*?)\1\s*\]\s*\.\s*json/g, (_m, _q, name: string) => step(name))
    .replace(/\$items\(\s*(['"])(.*?)\1\s*\)\s*\[\s*0\s*\]\s*\.\s*json/g, (_m, _q, name: string) => step(name))
    // The current item: the previous node's output.
    .replace(/\$input\s*\.\s*(?:item|first\(\)|last\(\))\s*\.\s*json/g, "input")
    .replace(/\$json\b/g, "input")
    .replace(/\$execution\s*\.\s*id\b/g, "run.id")
    .replace(/\$workflow\s*\.\s*id\b/g, "run.workflowId")
    .replace(/\$now\b(?!\s*\()/g, "$now()")
    // Bracketed keys: input["first name"] → input.`first name`.
    .replace(/\[\s*(['"])([^'"`]*?)\1\s*\]/g, (_m, _q, key: string) => `.\`${key}\``)
    // JavaScript operators that JSONata spells differently.
    .replace(/!==|!=/g, " != ")
    .replace(/===|==/g, " = ")
    .replace(/&&/g, " and ")
    .replace(/\|\|/g, " or ")
    .replace(/\s{2,}/g, " ")
    .trim();
  out = out.replace(/\.\s*`/g, ".`");
  if (unknownNode) return { value: out, review: `names a node that is not in the workflow ("${unknownNode}")` };
  if (/\$\(|\$node\b|\$items\b|\$input\b|=>|\?\.|\.\s*[A-Za-z_]\w*\s*\(/.test(out)) return { value: out, review: `JavaScript that needs rewriting as JSONata: ${source}` };
  if (expressionSyntaxError(out)) return { value: out, review: `JavaScript that needs rewriting as JSONata: ${source}` };
  return { value: out };
}
