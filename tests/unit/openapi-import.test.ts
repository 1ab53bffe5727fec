import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ApiImportError, importDocument } from "@/lib/openapi/import";
import type { ApiOperation } from "@/lib/openapi/model";
import { nextPageRequest, pageItems } from "@/lib/openapi/paging";
import { operationRequest } from "@/lib/openapi/request";

/** A small OpenAPI 3.1 document, as a person would write one: $refs, allOf, a nullable oneOf, a recursive schema and four kinds of auth. */
const SHOP_31 = `
openapi: 3.1.0
info: { title: Shop API, version: "2.4" }
servers:
  - url: https://{region}.shop.example/v2
    variables: { region: { default: eu } }
security: [{ apiKey: [] }]
components:
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-Shop-Key }
    token: { type: http, scheme: bearer }
    signIn:
      type: oauth2
      flows:
        authorizationCode: { authorizationUrl: https://auth.shop.example/authorize, tokenUrl: https://auth.shop.example/token, scopes: { orders: Orders, products: Products } }
        clientCredentials: { tokenUrl: https://auth.shop.example/token, scopes: { orders: Orders } }
    session: { type: apiKey, in: cookie, name: sid }
  parameters:
    OrderId: { name: orderId, in: path, required: true, schema: { type: string }, description: The order }
  schemas:
    Money:
      type: object
      required: [amount, currency]
      properties: { amount: { type: integer }, currency: { type: string, enum: [EUR, USD] } }
    NewOrder:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          required: [total]
          properties:
            total: { $ref: "#/components/schemas/Money" }
            note: { oneOf: [{ type: string }, { type: "null" }] }
    Base:
      type: object
      properties: { customer: { type: string, description: Customer id } }
    Category:
      type: object
      properties:
        name: { type: string }
        children: { type: array, items: { $ref: "#/components/schemas/Category" } }
paths:
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      tags: [Orders]
      parameters:
        - { name: status, in: query, schema: { type: array, items: { type: string } } }
        - { name: limit, in: query, schema: { type: integer, default: 20 } }
        - { name: sid, in: cookie, schema: { type: string } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/NewOrder" } } } } }
    post:
      operationId: createOrder
      summary: Create an order
      tags: [Orders]
      parameters: [{ name: Idempotency-Key, in: header, schema: { type: string } }]
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: "#/components/schemas/NewOrder" } } }
      responses: { "201": { description: created } }
  /orders/{orderId}:
    parameters: [{ $ref: "#/components/parameters/OrderId" }]
    delete:
      operationId: cancelOrder
      tags: [Orders]
      security: [{ token: [] }, { signIn: [orders] }]
      responses: { "204": { description: gone } }
  /categories:
    get:
      security: []
      responses: { "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Category" } } } } }
`;

const PETS_SWAGGER = JSON.stringify({
  swagger: "2.0",
  info: { title: "Pets", version: "1" },
  host: "pets.example",
  basePath: "/api/",
  schemes: ["http", "https"],
  securityDefinitions: { basic: { type: "basic" }, key: { type: "apiKey", in: "query", name: "api_key" } },
  security: [{ key: [] }],
  paths: {
    "/pets": {
      post: { operationId: "addPet", parameters: [{ in: "body", name: "pet", required: true, schema: { $ref: "#/definitions/Pet" } }], responses: { 200: { description: "ok", schema: { $ref: "#/definitions/Pet" } } } },
      get: { operationId: "findPets", parameters: [{ in: "query", name: "tags", type: "array", items: { type: "string" }, collectionFormat: "csv" }], responses: { 200: { description: "ok" } } },
    },
    "/pets/{id}/photo": {
      put: { operationId: "setPhoto", consumes: ["application/x-www-form-urlencoded"], parameters: [{ in: "path", name: "id", type: "integer", required: true }, { in: "formData", name: "caption", type: "string", required: true }], responses: { 200: { description: "ok" } } },
    },
  },
  definitions: { Pet: { type: "object", required: ["name"], properties: { name: { type: "string" }, age: { type: "integer" } } } },
});

function operation(ops: ApiOperation[], key: string): ApiOperation {
  const found = ops.find((o) => o.key === key);
  if (!found) throw new Error(`no operation ${key}`);
  return found;
}

describe("importing an OpenAPI 3.1 document (YAML, $refs, allOf, security schemes)", () => {
  it("reads the servers, auth and every operation", async () => {
    const doc = await importDocument(SHOP_31);
    expect(doc).toMatchObject({ title: "Shop API", version: "2.4", format: "OpenAPI 3.1.0", servers: ["https://eu.shop.example/v2"] });
    expect(doc.auth).toEqual([
      expect.objectContaining({ scheme: "apiKey", type: "apiKey", config: { in: "header", name: "X-Shop-Key" } }),
      expect.objectContaining({ scheme: "token", type: "bearer" }),
      expect.objectContaining({ scheme: "signIn", type: "oauth2Code", config: { authorizeUrl: "https://auth.shop.example/authorize", tokenUrl: "https://auth.shop.example/token", scope: "orders products" } }),
      expect.objectContaining({ scheme: "signIn", type: "oauth2", config: { tokenUrl: "https://auth.shop.example/token", scope: "orders" } }),
    ]);
    expect(doc.warnings.join(" ")).toMatch(/"session" \(apiKey\)/);
    expect(doc.warnings.join(" ")).toMatch(/cookie parameter "sid"/);
    expect(doc.operations.map((o) => [o.key, o.method, o.tag, o.summary])).toEqual([
      ["listOrders", "GET", "Orders", "List orders"],
      ["createOrder", "POST", "Orders", "Create an order"],
      ["cancelOrder", "DELETE", "Orders", "cancelOrder"],
      ["GET /categories", "GET", "Other", "GET /categories"],
    ]);
  });

  it("merges allOf, resolves $refs in parameters and bodies, and ends recursive schemas", async () => {
    const doc = await importDocument(SHOP_31);
    const create = operation(doc.operations, "createOrder");
    expect(create.body).toMatchObject({ type: "json", required: true });
    expect(create.body!.schema.required?.sort()).toEqual(["total"]);
    expect(Object.keys(create.body!.schema.properties ?? {}).sort()).toEqual(["customer", "note", "total"]);
    expect(create.body!.schema.properties!.total).toMatchObject({ type: "object", required: ["amount", "currency"], properties: { currency: { type: "string", enum: ["EUR", "USD"] } } });
    expect(create.body!.schema.properties!.note).toMatchObject({ type: "string", nullable: true });
    expect(create.security).toEqual(["apiKey"]);

    const cancel = operation(doc.operations, "cancelOrder");
    expect(cancel.parameters).toEqual([{ name: "orderId", in: "path", required: true, description: "The order", schema: { type: "string" } }]);
    expect(cancel.security).toEqual(["token", "signIn"]);

    const categories = operation(doc.operations, "GET /categories");
    expect(categories.security).toEqual([]);
    let depth = 0;
    for (let schema = categories.output; schema?.properties?.children?.items; schema = schema.properties.children.items) depth++;
    expect(depth).toBeGreaterThan(0);
    expect(depth).toBeLessThan(4);
  });

  it("builds requests from a node's values: path encoded, lists repeated, text converted to the schema's types", async () => {
    const doc = await importDocument(SHOP_31);
    expect(operationRequest(operation(doc.operations, "listOrders"), { status: ["open", "paid"], limit: "5" }, undefined)).toEqual({ method: "GET", path: "/orders?status=open&status=paid&limit=5", headers: {} });
    expect(operationRequest(operation(doc.operations, "cancelOrder"), { orderId: "a/b c" }, undefined).path).toBe("/orders/a%2Fb%20c");
    const create = operationRequest(operation(doc.operations, "createOrder"), { "Idempotency-Key": "k1" }, { customer: "", total: '{"amount": 5, "currency": "EUR"}', note: "gift" });
    expect(create).toEqual({ method: "POST", path: "/orders", headers: { "Idempotency-Key": "k1" }, json: { total: { amount: 5, currency: "EUR" }, note: "gift" } });
  });

  it("names what is missing", async () => {
    const doc = await importDocument(SHOP_31);
    expect(() => operationRequest(operation(doc.operations, "cancelOrder"), {}, undefined)).toThrow("the path parameter “orderId” is required");
    expect(() => operationRequest(operation(doc.operations, "createOrder"), {}, undefined)).toThrow("the request body is required");
    expect(() => operationRequest(operation(doc.operations, "createOrder"), {}, { note: "x" })).toThrow("the body field “total” is required");
  });
});

describe("importing a Swagger 2.0 document", () => {
  it("maps host and basePath, body and formData parameters, and its securityDefinitions", async () => {
    const doc = await importDocument(PETS_SWAGGER);
    expect(doc).toMatchObject({ format: "Swagger 2.0", servers: ["https://pets.example/api"] });
    expect(doc.auth.map((a) => [a.scheme, a.type, a.config])).toEqual([
      ["basic", "basic", {}],
      ["key", "apiKey", { in: "query", name: "api_key" }],
    ]);
    const add = operation(doc.operations, "addPet");
    expect(add.body).toMatchObject({ type: "json", required: true, schema: { type: "object", required: ["name"] } });
    expect(add.output).toMatchObject({ type: "object", properties: { name: { type: "string" }, age: { type: "integer" } } });
    expect(operationRequest(operation(doc.operations, "findPets"), { tags: "a, b" }, undefined).path).toBe("/pets?tags=a%2Cb");
    const photo = operation(doc.operations, "setPhoto");
    expect(photo.body).toMatchObject({ type: "form", contentType: "application/x-www-form-urlencoded", required: true });
    expect(operationRequest(photo, { id: 7 }, { caption: "Rex" })).toEqual({ method: "PUT", path: "/pets/7/photo", headers: {}, form: { caption: "Rex" } });
  });
});

describe("GitHub's OpenAPI document (@octokit/openapi)", () => {
  const text = readFileSync(createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json"), "utf8");

  it("imports every operation, with forms and outputs for the common ones", async () => {
    const doc = await importDocument(text);
    expect(doc.servers).toEqual(["https://api.github.com"]);
    expect(doc.operations.length).toBeGreaterThan(1000);
    const create = operation(doc.operations, "issues/create");
    expect(create).toMatchObject({ method: "POST", path: "/repos/{owner}/{repo}/issues", summary: "Create an issue", tag: "issues" });
    expect(create.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:owner", "path:repo"]);
    expect(create.body?.schema.required).toEqual(["title"]);
    expect(create.output?.properties).toHaveProperty("html_url");
    expect(operationRequest(create, { owner: "octo", repo: "hello" }, { title: "Bug", labels: '["bug"]' })).toMatchObject({ path: "/repos/octo/hello/issues", json: { title: "Bug", labels: ["bug"] } });
    // List operations declare GitHub's Link header: "All pages" follows rel="next".
    expect(operation(doc.operations, "pulls/list").paging).toEqual({ items: "", next: { kind: "link" } });
    expect(create.paging).toBeUndefined();
  });
});

describe("paging read from the document", () => {
  const list = (path: string, parameters: { name: string }[], properties: Record<string, unknown>, method = "get") =>
    JSON.stringify({
      openapi: "3.0.3",
      info: { title: "Lists", version: "1" },
      servers: [{ url: "https://api.example.com/v1" }],
      paths: { [path]: { [method]: { operationId: "list", parameters: parameters.map((p) => ({ ...p, in: "query", schema: { type: "string" } })), responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties } } } } } } } },
    });
  const pagingOf = async (text: string) => (await importDocument(text)).operations[0].paging;
  const items = { type: "array", items: { type: "object", properties: { id: { type: "string" } } } };

  it("recognises cursors (Slack's, HubSpot's, Airtable's), next URLs (Twilio's) and leaves other lists alone", async () => {
    expect(await pagingOf(list("/conversations.list", [{ name: "cursor" }, { name: "limit" }], { ok: { type: "boolean" }, channels: items, response_metadata: { type: "object", properties: { next_cursor: { type: "string" } } } }))).toEqual({ items: "channels", next: { kind: "cursor", path: "response_metadata.next_cursor", param: "cursor" } });
    expect(await pagingOf(list("/crm/v3/objects/contacts", [{ name: "after" }], { results: items, paging: { type: "object", properties: { next: { type: "object", properties: { after: { type: "string" }, link: { type: "string" } } } } } }))).toEqual({ items: "results", next: { kind: "cursor", path: "paging.next.after", param: "after" } });
    expect(await pagingOf(list("/{base}/{table}", [{ name: "offset" }], { records: items, offset: { type: "string" } }))).toEqual({ items: "records", next: { kind: "cursor", path: "offset", param: "offset" } });
    expect(await pagingOf(list("/Messages.json", [{ name: "PageSize" }], { messages: items, next_page_uri: { type: "string", nullable: true } }))).toEqual({ items: "messages", next: { kind: "url", path: "next_page_uri" } });
    expect(await pagingOf(list("/orders", [{ name: "page" }], { data: items, total: { type: "integer" } }))).toBeUndefined();
    // A `next` page number is not a link.
    expect(await pagingOf(list("/orders", [{ name: "page" }], { data: items, next: { type: "integer" } }))).toBeUndefined();
    expect(await pagingOf(list("/search", [{ name: "cursor" }], { data: items, next_cursor: { type: "string" } }, "post"))).toBeUndefined();
  });

  it("builds the next page's request under the API's base URL, and stops at the last page or a link elsewhere", () => {
    const base = "https://api.example.com/v1";
    const request = { method: "GET" as const, path: "/channels?limit=2", headers: {} };
    const cursor = { items: "channels", next: { kind: "cursor" as const, path: "meta.next", param: "cursor" } };
    expect(nextPageRequest(cursor, request, { status: 200, headers: {}, body: { meta: { next: "c2" } } }, base)?.path).toBe("/channels?limit=2&cursor=c2");
    expect(nextPageRequest(cursor, request, { status: 200, headers: {}, body: { meta: { next: "" } } }, base)).toBeUndefined();
    // An API that echoes the cursor it was sent has no next page.
    expect(nextPageRequest(cursor, { ...request, path: "/channels?cursor=c2" }, { status: 200, headers: {}, body: { meta: { next: "c2" } } }, base)).toBeUndefined();
    const link = { items: "", next: { kind: "link" as const } };
    expect(nextPageRequest(link, request, { status: 200, headers: { link: '<https://api.example.com/v1/channels?page=2>; rel="next"' }, body: [] }, base)?.path).toBe("/channels?page=2");
    expect(nextPageRequest(link, request, { status: 200, headers: { link: '<https://elsewhere.example.net/v1/channels?page=2>; rel="next"' }, body: [] }, base)).toBeUndefined();
    const url = { items: "messages", next: { kind: "url" as const, path: "next_page_uri" } };
    expect(nextPageRequest(url, request, { status: 200, headers: {}, body: { next_page_uri: "/v1/channels?Page=1&PageToken=PA2" } }, base)?.path).toBe("/channels?Page=1&PageToken=PA2");
    expect(pageItems(url, { messages: [{ sid: "SM1" }] })).toEqual([{ sid: "SM1" }]);
  });
});

describe("documents that cannot be imported", () => {
  it.each([
    ["", "document: empty"],
    ["openapi: [", "document: not valid YAML"],
    ['{"openapi": ', "document: not valid JSON"],
    ["title: hello", "no openapi or swagger version"],
    ['{"openapi": "4.0.0", "paths": {}}', "openapi 4.0.0"],
    ['{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}}', "document.paths: missing"],
    ['{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/Nope"}}}}}}', "document:"],
  ])("%j is refused naming why", async (text, message) => {
    const error = await importDocument(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiImportError);
    expect((error as Error).message).toContain(message);
  });

  it("never follows a $ref to a URL", async () => {
    const doc = await importDocument(JSON.stringify({ openapi: "3.0.3", info: { title: "x", version: "1" }, paths: { "/a": { post: { requestBody: { content: { "application/json": { schema: { $ref: "http://127.0.0.1:9/schema.json" } } } }, responses: {} } } } }));
    expect(doc.operations[0].body?.schema).toEqual({});
  });
});
