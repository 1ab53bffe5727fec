import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { github } from "@/lib/connectors/github";
import { requestUrl, type ConnectorRequest } from "@/lib/connectors/define";

/**
 * Checks the GitHub connector's requests against GitHub's own OpenAPI description
 * (@octokit/openapi): the operation exists for the method and path, every query parameter is
 * declared and valid, required parameters are there, and the JSON body matches the request schema.
 */
type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

const spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json"), "utf8")) as OpenApi;
/** OpenAPI 3.0's `nullable` as JSON Schema: `type: [T, "null"]` (Ajv refuses `nullable` without a `type`). */
function toJsonSchema(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(toJsonSchema);
  if (!value || typeof value !== "object") return;
  const node = value as Record<string, unknown>;
  if ("nullable" in node && typeof node.nullable === "boolean") {
    if (node.nullable && typeof node.type === "string") node.type = [node.type, "null"];
    delete node.nullable;
  }
  Object.values(node).forEach(toJsonSchema);
}
toJsonSchema(spec);
const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: true });
addFormats(ajv);

function operationOf(request: ConnectorRequest): { template: string; operation: Operation; pathParams: Record<string, string> } {
  const pathname = requestUrl("https://api.github.com", request).pathname;
  for (const [template, methods] of Object.entries(spec.paths)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_m, name: string) => (names.push(name), "([^/]+)"))}$`);
    const match = pattern.exec(pathname);
    const operation = match && methods[request.method.toLowerCase()];
    if (operation) return { template, operation, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])])) };
  }
  throw new Error(`GitHub's API has no ${request.method} ${pathname}`);
}

function resolve<T>(value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(value.$ref)!;
  return spec.components[kind][name] as T;
}

/** Validates a schema that may $ref the spec's components. */
function validate(schema: Schema, value: unknown): string[] {
  const check = ajv.compile({ ...schema, components: spec.components });
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function conformance(request: ConnectorRequest): string[] {
  const problems: string[] = [];
  const { template, operation, pathParams } = operationOf(request);
  const parameters = (operation.parameters ?? []).map((p) => resolve(p));
  for (const parameter of parameters.filter((p) => p.in === "path")) if (!pathParams[parameter.name]) problems.push(`${template}: path parameter ${parameter.name} is empty`);
  const query = Object.entries(request.query ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== "");
  for (const [name, value] of query) {
    const declared = parameters.find((p) => p.in === "query" && p.name === name);
    if (!declared) problems.push(`${template}: undeclared query parameter ${name}`);
    else if (declared.schema) problems.push(...validate(declared.schema, String(value)).map((e) => `query ${name}:${e}`));
  }
  for (const parameter of parameters.filter((p) => p.in === "query" && p.required)) if (!query.some(([n]) => n === parameter.name)) problems.push(`${template}: missing query parameter ${parameter.name}`);
  const body = operation.requestBody?.content["application/json"];
  if (request.json !== undefined) {
    if (!body) problems.push(`${template}: takes no JSON body`);
    else problems.push(...validate(body.schema, request.json).map((e) => `body${e}`));
  } else if (operation.requestBody?.required) problems.push(`${template}: needs a body`);
  return problems;
}

const action = (name: string) => github.actions.find((a) => a.name === name)!;
const requestOf = (name: string, props: Record<string, unknown>) => action(name).request(props, { settings: {}, digest: () => "" });

describe("GitHub connector requests against GitHub's OpenAPI description", () => {
  it("createIssue", () => {
    expect(conformance(requestOf("createIssue", { owner: "octocat", repo: "hello-world", title: "Found a bug", body: "Steps…", labels: ["bug"], assignees: ["octocat"] }))).toEqual([]);
    expect(conformance(requestOf("createIssue", { owner: "octocat", repo: "hello-world", title: "Only a title" }))).toEqual([]);
  });

  it("addComment", () => {
    expect(conformance(requestOf("addComment", { owner: "octocat", repo: "hello-world", issueNumber: "1347", body: "Me too" }))).toEqual([]);
  });

  it("listPullRequests, with every filter", () => {
    const props = { owner: "octocat", repo: "hello-world", state: "all", base: "main", head: "octocat:feature", sort: "long-running", direction: "asc", perPage: 100, page: 2 };
    expect(conformance(requestOf("listPullRequests", props))).toEqual([]);
  });

  it("the repository webhook trigger's registration and its removal", () => {
    const trigger = github.triggers!.find((t) => t.name === "onRepositoryEvent")!;
    const context = { settings: {}, digest: () => "" };
    const props = { owner: "octocat", repo: "hello-world", events: ["issues", "pull_request"] };
    expect(conformance(trigger.register!.create(props, { url: "https://switchboard.example.com/api/hooks/abc", secret: "0f".repeat(32) }, context))).toEqual([]);
    expect(conformance(trigger.register!.remove(props, "12345678", context))).toEqual([]);
  });

  it("notices a request GitHub would refuse (the checker itself works)", () => {
    expect(conformance({ method: "GET", path: "/repos/o/r/pulls", query: { state: "merged", colour: "red" } }).sort()).toEqual([
      "/repos/{owner}/{repo}/pulls: undeclared query parameter colour",
      "query state: must be equal to one of the allowed values",
    ]);
    expect(conformance({ method: "POST", path: "/repos/o/r/issues", json: { body: "no title" } })).toEqual([expect.stringContaining("must have required property 'title'")]);
  });
});
