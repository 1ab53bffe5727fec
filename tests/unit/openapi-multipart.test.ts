import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callConnector } from "@/lib/connectors/define";
import { importDocument } from "@/lib/openapi/import";
import { bodyForm } from "@/lib/openapi/form";
import type { ApiOperation } from "@/lib/openapi/model";
import { operationRequest } from "@/lib/openapi/request";

/** An upload operation as OpenAPI 3 describes one: a multipart body whose `file` is binary. */
const UPLOADS = {
  openapi: "3.0.3",
  info: { title: "Files", version: "1" },
  servers: [{ url: "https://files.example/v1" }],
  paths: {
    "/files": {
      post: {
        operationId: "uploadFile",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: { type: "object", required: ["file", "purpose"], properties: { file: { type: "string", format: "binary" }, purpose: { type: "string" }, labels: { type: "array", items: { type: "string" } } } },
            },
          },
        },
        responses: { 201: { description: "created" } },
      },
    },
  },
};

/** The same in Swagger 2.0: a formData parameter of type file. */
const SWAGGER_UPLOADS = {
  swagger: "2.0",
  info: { title: "Pets", version: "1" },
  host: "pets.example",
  paths: { "/pets/{id}/photo": { post: { operationId: "uploadPhoto", consumes: ["multipart/form-data"], parameters: [{ in: "path", name: "id", type: "integer", required: true }, { in: "formData", name: "photo", type: "file", required: true }, { in: "formData", name: "caption", type: "string" }], responses: { 200: { description: "ok" } } } } },
};

const pdf = Buffer.from("%PDF-1.7\n\u00e2\u00e3\u00cf\u00d3 binary \u0000\u0001\u00ff").toString("base64");
const operationOf = async (doc: object, key: string) => (await importDocument(doc as never)).operations.find((o) => o.key === key) as ApiOperation;

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describe("multipart file uploads of imported operations", () => {
  let url: string;
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "file-1" }));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends the operation's request as the api.operation node does (callConnector), and reads what the server got as a form. */
  async function send(operation: ApiOperation, parameters: Record<string, unknown>, body: unknown) {
    const answer = await callConnector({ name: "Files", baseUrl: url }, () => operationRequest(operation, parameters, body), {
      connectionId: "",
      settings: {},
      fetch: (target, init) => fetch(target, init),
      digest: () => "",
    });
    expect(answer.status).toBe(201);
    const last = received.at(-1)!;
    const form = await new Request("http://parsed.invalid/", { method: "POST", headers: { "content-type": String(last.headers["content-type"]) }, body: new Uint8Array(last.body) }).formData();
    return { raw: last.body.toString("latin1"), form };
  }

  it("sends a binary field as a file part with its name, content type and exact bytes, beside the text fields", async () => {
    const operation = await operationOf(UPLOADS, "uploadFile");
    expect(operation.body).toMatchObject({ type: "multipart", schema: { properties: { file: { format: "binary" } } } });
    const { raw, form } = await send(operation, {}, { file: { name: "report.pdf", contentType: "application/pdf", base64: pdf }, purpose: "assistants", labels: ["q4", "final"] });
    expect(received.at(-1)!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(raw).toContain('Content-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf');
    const file = form.get("file") as File;
    expect(file.name).toBe("report.pdf");
    expect(file.type).toBe("application/pdf");
    expect(Buffer.from(await file.arrayBuffer()).toString("base64")).toBe(pdf);
    expect(form.get("purpose")).toBe("assistants");
    expect(form.getAll("labels")).toEqual(["q4", "final"]);
  });

  it("takes base64 text (an HTTP Request step's binary answer) or a data: URL, and refuses what is no file, naming the field", async () => {
    const operation = await operationOf(UPLOADS, "uploadFile");
    const bare = (await send(operation, {}, { file: pdf, purpose: "batch" })).form.get("file") as File;
    expect([bare.name, bare.type]).toEqual(["file", "application/octet-stream"]);
    expect(Buffer.from(await bare.arrayBuffer()).toString("base64")).toBe(pdf);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString("base64");
    const fromDataUrl = (await send(operation, {}, { file: `data:image/png;base64,${png}`, purpose: "vision" })).form.get("file") as File;
    expect(fromDataUrl.type).toBe("image/png");
    expect(Buffer.from(await fromDataUrl.arrayBuffer()).toString("base64")).toBe(png);
    expect(() => operationRequest(operation, {}, { file: "https://example.com/report.pdf", purpose: "x" })).toThrow(/body field “file” takes a file/);
    expect(() => operationRequest(operation, {}, { file: { name: "a.txt" }, purpose: "x" })).toThrow(/body field “file” takes a file/);
    expect(() => operationRequest(operation, {}, { purpose: "x" })).toThrow(/body field “file” is required/);
  });

  it("reads Swagger 2.0 formData parameters of type file as binary, and the form says what a file field takes", async () => {
    const operation = await operationOf(SWAGGER_UPLOADS, "uploadPhoto");
    expect(operation.body).toMatchObject({ type: "multipart", schema: { properties: { photo: { type: "string", format: "binary" }, caption: { type: "string" } } } });
    const request = operationRequest(operation, { id: 7 }, { photo: { name: "rex.jpg", contentType: "image/jpeg", base64: "/9j/4AAQ" }, caption: "Rex" });
    expect(request).toMatchObject({ path: "/pets/7/photo", multipart: { caption: "Rex" }, files: { photo: { name: "rex.jpg", contentType: "image/jpeg", base64: "/9j/4AAQ" } } });
    expect(bodyForm(operation)!.properties.photo).toMatchObject({ type: "string", placeholder: "{{ steps.download.body }}", description: expect.stringContaining("{ name, contentType, base64 }") });
  });
});
