import { jsonFieldValue } from "@/lib/document/json-expressions";
import { STICKY_NOTE_COLORS, WORKFLOW_FORMAT_VERSION, type StickyNote, type WorkflowEdge, type WorkflowNode } from "@/lib/document/schema";
import { filterCondition, legacyComparison, v1Condition } from "./n8n-conditions";
import { translateTemplate, translateValue, type NodeIds } from "./n8n-expressions";
import { idMaker, reportNote, type ForeignImport, type ImportReport } from "./report";

/**
 * An n8n workflow export (the JSON n8n copies to the clipboard or downloads) as a Switchboard
 * document. The nodes that map onto ours are converted with their settings and expressions:
 * triggers (manual, webhook, schedule, cron), HTTP Request, Set / Edit Fields, If, Filter,
 * Switch, Merge, Code, Wait, Respond to Webhook, No Operation (joined through) and sticky notes.
 * Every other node is left out and named in the report with its type; connections keep n8n's
 * output order (If: true then false; Switch: one output per rule).
 */

interface N8nNode {
  name: string;
  type: string;
  typeVersion?: number;
  position?: [number, number];
  parameters?: Record<string, unknown>;
  disabled?: boolean;
  /** "continueErrorOutput" adds an error output after the node's own; "continueRegularOutput" goes on with the error as output. */
  onError?: string;
  credentials?: Record<string, { id?: string; name?: string }>;
}

type N8nConnections = Record<string, Record<string, ({ node: string; type?: string; index?: number }[] | null)[] | undefined>>;

export interface N8nWorkflow {
  name?: string;
  nodes: N8nNode[];
  connections?: N8nConnections;
  settings?: { timezone?: string };
}

/** An n8n export: nodes with n8n's type names and connections keyed by node name. */
export function isN8nWorkflow(value: unknown): value is N8nWorkflow {
  const candidate = value as Partial<N8nWorkflow> | null;
  return Boolean(
    candidate &&
      Array.isArray(candidate.nodes) &&
      candidate.nodes.length > 0 &&
      candidate.nodes.every((n) => n && typeof n.name === "string" && typeof n.type === "string") &&
      candidate.nodes.some((n) => /^(n8n-nodes-base|@n8n\/)/.test(n.type)) &&
      (candidate.connections === undefined || typeof candidate.connections === "object"),
  );
}

/** What one n8n node became: a node (with its outputs in n8n's order), a pass-through, a sticky note, or nothing. */
type Converted =
  | { kind: "node"; type: string; config: Record<string, unknown>; handles?: Handles; reviews?: string[] }
  | { kind: "passThrough" }
  | { kind: "note" }
  | { kind: "unsupported"; reason: string };

interface Context {
  ids: NodeIds;
  timezone?: string;
}

/** n8n output index → our output id; null is the node's only output, undefined an output with no equivalent. */
type Handles = (index: number) => string | null | undefined;

const singleOutput: Handles = (index) => (index === 0 ? null : undefined);

type Converter = (p: Record<string, unknown>, version: number, context: Context) => Converted;

const str = (value: unknown, fallback = ""): string => (typeof value === "string" ? value : value === undefined || value === null ? fallback : String(value));
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const obj = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** A text field's value: expressions translated, with their review notes collected. */
function text(value: unknown, context: Context, reviews: string[]): unknown {
  const translated = translateValue(value, context.ids);
  if (translated.review) reviews.push(translated.review);
  return translated.value;
}

/** `[{ name, value }]` pairs (headers, query parameters, form fields) as an object. */
function pairs(entries: unknown, context: Context, reviews: string[]): Record<string, unknown> {
  return Object.fromEntries(list<{ name?: string; value?: unknown }>(entries).filter((e) => e.name).map((e) => [e.name!, text(e.value ?? "", context, reviews)]));
}

/** A JSON body written as text (possibly an expression) as the HTTP node stores it. */
function jsonBody(value: unknown, context: Context, reviews: string[]): unknown {
  if (typeof value !== "string") return value;
  const source = value.startsWith("=") ? translateTemplate(value.slice(1), context.ids) : { value };
  if (source.review) reviews.push(source.review);
  return jsonFieldValue(String(source.value));
}

const http: Converter = (p, version, context) => {
  const reviews: string[] = [];
  if (version < 3) {
    const config: Record<string, unknown> = { method: str(p.requestMethod, "GET"), url: text(p.url ?? "", context, reviews) };
    const headers = pairs(obj(p.headerParametersUi).parameter, context, reviews);
    const query = pairs(obj(p.queryParametersUi).parameter, context, reviews);
    if (Object.keys(headers).length) config.headers = headers;
    if (Object.keys(query).length) config.query = query;
    if (p.jsonParameters && p.bodyParametersJson !== undefined) config.body = jsonBody(p.bodyParametersJson, context, reviews);
    else if (obj(p.bodyParametersUi).parameter) config.body = pairs(obj(p.bodyParametersUi).parameter, context, reviews);
    return { kind: "node", type: "action.http", config, reviews };
  }
  const config: Record<string, unknown> = { method: str(p.method, "GET"), url: text(p.url ?? "", context, reviews) };
  if (p.sendQuery) config.query = pairs(obj(p.queryParameters).parameters, context, reviews);
  if (p.sendHeaders) config.headers = pairs(obj(p.headerParameters).parameters, context, reviews);
  if (p.sendBody) {
    const contentType = str(p.contentType, "json");
    if (contentType === "raw" || contentType === "binaryData") {
      config.bodyType = "raw";
      config.body = text(p.body ?? "", context, reviews);
      if (p.rawContentType) config.contentType = str(p.rawContentType);
      if (contentType === "binaryData") reviews.push("sent a file (binary data); the body is now raw text");
    } else {
      config.bodyType = contentType === "json" ? "json" : "form";
      config.body = p.specifyBody === "json" ? jsonBody(p.jsonBody ?? "{}", context, reviews) : pairs(obj(p.bodyParameters).parameters, context, reviews);
      if (contentType === "multipart-form-data") reviews.push("sent multipart form data; it is now sent URL-encoded");
    }
  }
  const auth = str(p.authentication, "none");
  if (auth !== "none") reviews.push(`used n8n credentials (${str(p.genericAuthType ?? p.nodeCredentialType, auth)}): choose a connection`);
  return { kind: "node", type: "action.http", config, reviews };
};

/** A Set field's value: typed literals become expressions so numbers stay numbers. */
function setValue(value: unknown, type: string, context: Context, reviews: string[]): unknown {
  if (typeof value === "string" && value.startsWith("=")) return text(value, context, reviews);
  if (type === "string" || typeof value === "string") return str(value);
  return `{{ ${JSON.stringify(value ?? null)} }}`;
}

const set: Converter = (p, version, context) => {
  const reviews: string[] = [];
  if (p.mode === "raw") {
    const json = str(p.jsonOutput, "{}");
    if (json.startsWith("=")) return { kind: "unsupported", reason: "its JSON output is an expression; rebuild it with Edit fields or Code" };
    return { kind: "node", type: "transform.code", config: { code: `return ${json.trim() || "{}"};` }, reviews: ["its JSON output became a Code node"] };
  }
  const changes: { op: "set"; field: string; value: unknown }[] = [];
  if (version >= 3.3) {
    for (const a of list<{ name?: string; value?: unknown; type?: string }>(obj(p.assignments).assignments)) if (a.name) changes.push({ op: "set", field: a.name, value: setValue(a.value, str(a.type, "string"), context, reviews) });
  } else if (version >= 3) {
    for (const f of list<Record<string, unknown>>(obj(p.fields).values)) {
      const type = str(f.type, "stringValue").replace(/Value$/, "");
      if (f.name) changes.push({ op: "set", field: str(f.name), value: setValue(f[`${type}Value`] ?? f.stringValue, type, context, reviews) });
    }
  } else {
    for (const [type, entries] of Object.entries(obj(p.values))) for (const e of list<{ name?: string; value?: unknown }>(entries)) if (e.name) changes.push({ op: "set", field: e.name, value: setValue(e.value, type, context, reviews) });
  }
  if (!changes.length) return { kind: "passThrough" };
  const keepOthers = version >= 3.3 ? p.includeOtherFields === true : version >= 3 ? p.include === "all" : p.keepOnlySet !== true;
  return { kind: "node", type: "transform.set", config: { from: keepOthers ? "input" : "{}", changes }, reviews };
};

const ifNode: Converter = (p, version, context) => {
  const { condition, reviews } = version >= 2 ? filterCondition(obj(p.conditions), context.ids) : v1Condition(obj(p.conditions) as never, str(p.combineOperation, "all"), context.ids);
  return { kind: "node", type: "flow.if", config: { condition }, handles: (i) => (i === 0 ? "true" : i === 1 ? "false" : undefined), reviews };
};

const filter: Converter = (p, _version, context) => {
  const { condition, reviews } = filterCondition(obj(p.conditions), context.ids);
  return { kind: "node", type: "flow.if", config: { condition }, handles: (i) => (i === 0 ? "true" : undefined), reviews: [...reviews, "n8n's Filter drops what fails; here it is an If whose false output leads nowhere"] };
};

const switchNode: Converter = (p, version, context) => {
  const reviews: string[] = [];
  const options = obj(p.options);
  if (version >= 3) {
    if (str(p.mode, "rules") !== "rules") return { kind: "unsupported", reason: "its output is chosen by an expression; use a Switch with one case per output" };
    const rules = list<Record<string, unknown>>(obj(p.rules).values);
    const names = rules.map((rule, i) => uniqueOutput(rule.renameOutput && rule.outputKey ? str(rule.outputKey) : `output_${i}`, i));
    const cases = rules.map((rule, i) => {
      const translated = filterCondition(obj(rule.conditions), context.ids);
      reviews.push(...translated.reviews);
      return { output: names[i], condition: translated.condition };
    });
    if (!cases.length) return { kind: "unsupported", reason: "it has no rules" };
    const fallback = options.fallbackOutput;
    if (typeof fallback === "number") reviews.push(`items matching no rule went to output ${fallback}; here they go to "default"`);
    return {
      kind: "node",
      type: "flow.switch",
      config: { cases, mode: options.allMatchingOutputs ? "all" : "first" },
      handles: (i) => (i < names.length ? names[i] : fallback === "extra" && i === names.length ? "default" : undefined),
      reviews,
    };
  }
  if (str(p.mode, "rules") !== "rules") return { kind: "unsupported", reason: "its output is chosen by an expression; use a Switch with one case per output" };
  // Switch v1/v2: rules compare value1 with each rule's value2 and name an output index; rules sharing an output are or-ed.
  const byOutput = new Map<number, string[]>();
  for (const rule of list<Record<string, unknown>>(obj(p.rules).rules)) {
    const translated = legacyComparison(str(p.dataType, "number"), str(rule.operation, "equal"), p.value1, rule.value2, context.ids);
    reviews.push(...translated.reviews);
    const output = Number(rule.output ?? 0);
    byOutput.set(output, [...(byOutput.get(output) ?? []), translated.condition]);
  }
  if (!byOutput.size) return { kind: "unsupported", reason: "it has no rules" };
  const cases = [...byOutput].sort(([a], [b]) => a - b).map(([output, conditions]) => ({ output: `output_${output}`, condition: conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(" or ") }));
  const fallback = Number(p.fallbackOutput ?? -1);
  return { kind: "node", type: "flow.switch", config: { cases, mode: "first" }, handles: (i) => (byOutput.has(i) ? `output_${i}` : i === fallback ? "default" : undefined), reviews };
};

function uniqueOutput(name: string, index: number): string {
  const clean = name.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 34);
  return clean ? `${clean}${/^output_\d+$/.test(clean) ? "" : `_${index}`}` : `output_${index}`;
}

const merge: Converter = (p) => {
  const mode = str(p.mode, "append");
  if (mode === "append") return { kind: "node", type: "flow.merge", config: { mode: "concat" } };
  return { kind: "node", type: "flow.merge", config: { mode: "object" }, reviews: [`merged by "${mode}"; here the inputs are combined as { <node id>: output }`] };
};

/** Runs n8n code in the Code node: `$input`, `$json` and `items` stand for the input, and returned `{ json }` items are unwrapped. */
function codeShim(code: string): string {
  return [
    "const __items = (Array.isArray(input) ? input : [input]).map((json) => ({ json }));",
    "const $input = { all: () => __items, first: () => __items[0], last: () => __items[__items.length - 1], item: __items[0] };",
    "const items = __items;",
    "const $json = input;",
    "const __result = await (async () => {",
    code,
    "})();",
    "const __unwrap = (item) => (item && typeof item === \"object\" && \"json\" in item ? item.json : item);",
    "return Array.isArray(__result) ? (__result.length === 1 ? __unwrap(__result[0]) : __result.map(__unwrap)) : __unwrap(__result);",
  ].join("\n");
}

const code: Converter = (p) => {
  if (p.language && p.language !== "javaScript") return { kind: "unsupported", reason: `its code is ${str(p.language)}; the Code node runs JavaScript` };
  const source = str(p.jsCode ?? p.functionCode ?? p.functionItemCode);
  return { kind: "node", type: "transform.code", config: { code: codeShim(source), timeoutMs: 2000, memoryLimitMb: 64 }, reviews: ["n8n code runs here with $input, $json and items standing for the input; check what it reads ($node, $env, helpers are not available)"] };
};

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

const wait: Converter = (p, _version, context) => {
  const resume = str(p.resume, "timeInterval");
  const reviews: string[] = [];
  if (resume === "timeInterval") {
    const seconds = Number(p.amount ?? 1) * (UNIT_SECONDS[str(p.unit, "hours")] ?? 3600);
    return { kind: "node", type: "flow.delay", config: { duration: seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}m` : `${Math.max(1, Math.round(seconds))}s` } };
  }
  if (resume === "specificTime") return { kind: "node", type: "flow.delay", config: { until: text(p.dateTime ?? "", context, reviews) }, reviews };
  return { kind: "unsupported", reason: `it waits for ${resume === "webhook" ? "a call to a resume URL" : `"${resume}"`}; use Wait for event with a timeout` };
};

const respond: Converter = (p, _version, context) => {
  const reviews: string[] = [];
  const options = obj(p.options);
  const config: Record<string, unknown> = { status: Number(options.responseCode ?? 200) };
  const headers = pairs(obj(options.responseHeaders).entries, context, reviews);
  const respondWith = str(p.respondWith, "firstIncomingItem");
  if (respondWith === "json") config.body = jsonBody(p.responseBody ?? "{}", context, reviews);
  else if (respondWith === "text") config.body = text(p.responseBody ?? "", context, reviews);
  else if (respondWith === "redirect") {
    config.status = Number(options.responseCode ?? 307);
    headers.Location = text(p.redirectURL ?? "", context, reviews);
  } else if (respondWith !== "noData") config.body = "{{ input }}";
  if (Object.keys(headers).length) config.headers = headers;
  return { kind: "node", type: "action.respond", config, reviews };
};

const WEBHOOK_METHODS = new Set(["POST", "PUT", "PATCH", "GET", "DELETE"]);

const webhook: Converter = (p) => {
  const reviews: string[] = [];
  const methods = (Array.isArray(p.httpMethod) ? p.httpMethod : [p.httpMethod ?? "GET"]).map((m) => str(m).toUpperCase()).filter((m) => WEBHOOK_METHODS.has(m));
  if (p.path) reviews.push(`n8n's path "${str(p.path)}" is not kept: senders call the URL shown on this trigger`);
  const responseMode = str(p.responseMode, "onReceived");
  if (responseMode === "lastNode") reviews.push("answered with the last node's output; add a Respond node at the end to do the same");
  if (p.authentication && p.authentication !== "none") reviews.push(`checked ${str(p.authentication)}; set the trigger's signature check`);
  return { kind: "node", type: "trigger.webhook", config: { methods: methods.length ? methods : ["GET"], ...(responseMode === "responseNode" || responseMode === "lastNode" ? { response: { mode: "respond", timeoutMs: 10_000 } } : {}) }, reviews };
};

const WEEKDAYS = ["0", "1", "2", "3", "4", "5", "6"];

const schedule: Converter = (p, _version, context) => {
  const rules = list<Record<string, unknown>>(obj(p.rule).interval);
  const rule = rules[0] ?? {};
  const reviews = rules.length > 1 ? [`it fired on ${rules.length} rules; only the first is kept`] : [];
  const at = (r: Record<string, unknown>) => `${Number(r.triggerAtMinute ?? 0)} ${Number(r.triggerAtHour ?? 0)}`;
  const cron = (expression: string) => ({ kind: "node" as const, type: "trigger.schedule", config: { mode: "cron", cron: expression, timezone: context.timezone ?? "UTC", missed: "skip" }, reviews });
  const every = (interval: string) => ({ kind: "node" as const, type: "trigger.schedule", config: { mode: "interval", interval, missed: "skip" }, reviews });
  switch (str(rule.field, "days")) {
    case "cronExpression":
      return cron(str(rule.expression, "0 0 * * *"));
    case "seconds":
      return every(`${Number(rule.secondsInterval ?? 30)}s`);
    case "minutes":
      return every(`${Number(rule.minutesInterval ?? 5)}m`);
    case "hours":
      return cron(`${Number(rule.triggerAtMinute ?? 0)} */${Number(rule.hoursInterval ?? 1)} * * *`);
    case "weeks": {
      const days = list<unknown>(rule.triggerAtDay).map(String).filter((d) => WEEKDAYS.includes(d));
      if (Number(rule.weeksInterval ?? 1) !== 1) reviews.push("it fired every few weeks; it now fires every week");
      return cron(`${at(rule)} * * ${days.length ? days.join(",") : "0"}`);
    }
    case "months":
      return cron(`${at(rule)} ${Number(rule.triggerAtDayOfMonth ?? 1)} */${Number(rule.monthsInterval ?? 1)} *`);
    default: {
      const days = Number(rule.daysInterval ?? 1);
      return cron(`${at(rule)} ${days === 1 ? "*" : `*/${days}`} * *`);
    }
  }
};

/** The old Cron node: its first fire time. */
const legacyCron: Converter = (p, _version, context) => {
  const items = list<Record<string, unknown>>(obj(p.triggerTimes).item);
  const item = items[0] ?? { mode: "everyDay" };
  const reviews = items.length > 1 ? [`it fired at ${items.length} times; only the first is kept`] : [];
  const m = Number(item.minute ?? 0);
  const h = Number(item.hour ?? 0);
  const expressions: Record<string, string> = {
    everyMinute: "* * * * *",
    everyHour: `${m} * * * *`,
    everyDay: `${m} ${h} * * *`,
    everyWeek: `${m} ${h} * * ${Number(item.weekday ?? 1)}`,
    everyMonth: `${m} ${h} ${Number(item.dayOfMonth ?? 1)} * *`,
    custom: str(item.cronExpression, "0 0 * * *"),
  };
  if (item.mode === "everyX") return { kind: "node", type: "trigger.schedule", config: { mode: "interval", interval: `${Number(item.value ?? 1)}${item.unit === "hours" ? "h" : "m"}`, missed: "skip" }, reviews };
  return { kind: "node", type: "trigger.schedule", config: { mode: "cron", cron: expressions[str(item.mode, "everyDay")] ?? expressions.everyDay, timezone: context.timezone ?? "UTC", missed: "skip" }, reviews };
};

const CONVERTERS: Record<string, Converter> = {
  manualTrigger: () => ({ kind: "node", type: "trigger.manual", config: { samplePayload: {} } }),
  start: () => ({ kind: "node", type: "trigger.manual", config: { samplePayload: {} } }),
  executeWorkflowTrigger: () => ({ kind: "node", type: "trigger.manual", config: { samplePayload: {} }, reviews: ["it was started by other workflows; call it from a Sub-workflow node"] }),
  webhook,
  scheduleTrigger: schedule,
  cron: legacyCron,
  httpRequest: http,
  set,
  if: ifNode,
  filter,
  switch: switchNode,
  merge,
  code,
  function: code,
  functionItem: code,
  wait,
  respondToWebhook: respond,
  noOp: () => ({ kind: "passThrough" }),
  stickyNote: () => ({ kind: "note" }),
};

const NOTE_COLORS: Record<number, StickyNote["color"]> = { 1: "yellow", 2: "yellow", 3: "pink", 4: "green", 5: "blue", 6: "pink", 7: "gray" };

export function convertN8nWorkflow(input: N8nWorkflow): ForeignImport {
  const report: ImportReport = { source: "n8n", converted: [], unsupported: [], review: [] };
  const makeId = idMaker();
  const idByName = new Map(input.nodes.filter((n) => n.type !== "n8n-nodes-base.stickyNote").map((n) => [n.name, makeId(n.name)]));
  const context: Context = { ids: (name) => idByName.get(name), timezone: input.settings?.timezone };

  const nodes: WorkflowNode[] = [];
  const notes: StickyNote[] = [];
  const converted = new Map<string, Converted>();
  let triggerKept = false;
  input.nodes.forEach((n, i) => {
    const shortType = n.type.replace(/^n8n-nodes-base\./, "");
    const convert = n.type.startsWith("n8n-nodes-base.") ? CONVERTERS[shortType] : undefined;
    let result: Converted = convert ? convert(n.parameters ?? {}, n.typeVersion ?? 1, context) : { kind: "unsupported", reason: "no Switchboard node does this yet" };
    const position = { x: n.position?.[0] ?? i * 240, y: n.position?.[1] ?? 160 };
    if (result.kind === "note") {
      const p = n.parameters ?? {};
      const color = NOTE_COLORS[Number(p.color ?? 1)] ?? STICKY_NOTE_COLORS[0];
      notes.push({ id: `note_${idMaker()(n.name)}_${notes.length + 1}`.slice(0, 64), position, width: clamp(Number(p.width ?? 240), 80, 4000), height: clamp(Number(p.height ?? 160), 40, 4000), text: str(p.content).slice(0, 20_000), color });
      return;
    }
    if (result.kind === "node" && result.type.startsWith("trigger.")) {
      if (triggerKept) result = { kind: "unsupported", reason: "a Switchboard workflow has one trigger; the first one is kept" };
      else triggerKept = true;
    }
    converted.set(n.name, result);
    if (result.kind === "unsupported") {
      report.unsupported.push({ name: n.name, type: n.type, reason: result.reason });
      return;
    }
    if (result.kind !== "node") return;
    const id = idByName.get(n.name)!;
    const onError = n.onError === "continueErrorOutput" ? "branch" : n.onError === "continueRegularOutput" ? "continue" : undefined;
    if (onError === "branch") result.handles = withErrorOutput(result.handles ?? singleOutput);
    nodes.push({
      id,
      type: result.type,
      name: n.name.slice(0, 120),
      position,
      config: result.config,
      ...(onError ? { settings: { onError } } : {}),
      ...(n.disabled && !result.type.startsWith("trigger.") ? { disabled: true } : {}),
    });
    report.converted.push({ name: n.name, from: n.type, id, type: result.type });
    for (const message of new Set(result.reviews ?? [])) report.review.push({ node: n.name, message });
    for (const [kind, credential] of Object.entries(n.credentials ?? {})) report.review.push({ node: n.name, message: `used the n8n credential "${credential.name ?? kind}" (${kind}): choose a connection` });
  });

  const edges = connect(input.connections ?? {}, converted, idByName, report);
  const document = { version: WORKFLOW_FORMAT_VERSION, name: (input.name?.trim() || "Imported from n8n").slice(0, 200), nodes, edges, notes } as ForeignImport["document"];
  const note = reportNote(report, nodes);
  if (note) notes.unshift(note);
  if (!notes.length) delete document.notes;
  return { document, report };
}

/** n8n puts a node's error output after its own outputs; ours is the output "error". */
function withErrorOutput(handles: Handles): Handles {
  let own = 0;
  while (handles(own) !== undefined) own++;
  return (index) => (index === own ? "error" : handles(index));
}

function clamp(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, Number.isFinite(value) ? value : min)));
}

/** n8n's connections as edges; a pass-through node (No Operation) joins its parents to its children. */
function connect(connections: N8nConnections, converted: Map<string, Converted>, idByName: Map<string, string>, report: ImportReport): WorkflowEdge[] {
  type Link = { from: string; handle?: string; to: string };
  const links: Link[] = [];
  for (const [sourceName, byType] of Object.entries(connections)) {
    const source = converted.get(sourceName);
    for (const [type, outputs] of Object.entries(byType ?? {})) {
      if (type !== "main") {
        if (outputs?.some((o) => o?.length)) report.review.push({ node: sourceName, message: `its "${type}" connections (n8n AI sub-nodes) are not imported` });
        continue;
      }
      (outputs ?? []).forEach((targets, index) => {
        for (const target of targets ?? []) {
          if (!source || source.kind === "unsupported" || converted.get(target.node)?.kind === "unsupported") continue;
          const handle = (source.kind === "node" && source.handles ? source.handles : singleOutput)(index);
          if (handle === undefined) {
            report.review.push({ node: sourceName, message: `its output ${index + 1} has no equivalent; its connection to "${target.node}" is not imported` });
            continue;
          }
          links.push({ from: sourceName, handle: handle ?? undefined, to: target.node });
        }
      });
    }
  }
  // Join through pass-through nodes until none is left between two real nodes.
  const passThrough = (name: string) => converted.get(name)?.kind === "passThrough";
  let joined = links;
  for (let round = 0; round < converted.size && joined.some((l) => passThrough(l.from) || passThrough(l.to)); round++) {
    const next: Link[] = [];
    for (const link of joined) {
      if (passThrough(link.to)) {
        for (const out of joined.filter((l) => l.from === link.to)) next.push({ from: link.from, handle: link.handle, to: out.to });
      } else if (!passThrough(link.from)) next.push(link);
    }
    joined = next;
  }
  const seen = new Set<string>();
  const edges: WorkflowEdge[] = [];
  for (const link of joined) {
    const source = idByName.get(link.from);
    const target = idByName.get(link.to);
    if (!source || !target || passThrough(link.from) || passThrough(link.to)) continue;
    const key = `${source}|${link.handle ?? ""}|${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ id: `e_${edges.length + 1}`, source, target, ...(link.handle ? { sourceHandle: link.handle } : {}) });
  }
  return edges;
}
