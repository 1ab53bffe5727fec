import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configFields } from "@/lib/editor/field-model";
import { getNodeDefinition, nodeDefinitions } from "@/lib/nodes";
import { configIssues } from "@/lib/document/schema";

const TYPES = ["transform.set", "transform.filter", "transform.split", "transform.aggregate", "transform.validate", "transform.code", "transform.xml", "transform.csv", "transform.datetime", "transform.mask"];
const NODES_DIR = path.resolve(import.meta.dirname, "../../lib/nodes");

describe("transform node registry", () => {
  it("registers every transform type in the transform category", () => {
    for (const type of TYPES) expect(getNodeDefinition(type), type).toMatchObject({ type, category: "transform", kind: "step" });
    expect(nodeDefinitions.filter((d) => d.category === "transform").map((d) => d.type)).toEqual(["transform.map", ...TYPES]);
  });

  it("gives every type defaults that pass its own validation", () => {
    for (const type of TYPES) expect(configIssues(type, getNodeDefinition(type)!.defaults), type).toEqual([]);
  });

  it("describes every field with a title the generated form shows", () => {
    for (const type of TYPES) {
      for (const field of configFields(getNodeDefinition(type)!.config)) {
        expect(field.label, `${type}.${field.key}`).not.toBe(field.key);
        for (const sub of field.itemFields ?? []) expect(sub.label, `${type}.${field.key}.${sub.key}`).not.toBe(sub.key);
      }
    }
  });

  it("edits lists as item cards or value rows, and code in a code editor", () => {
    const kinds = (type: string) => Object.fromEntries(configFields(getNodeDefinition(type)!.config).map((f) => [f.key, f.kind]));
    expect(kinds("transform.set")).toEqual({ from: "jsonata", changes: "list" });
    expect(kinds("transform.aggregate")).toEqual({ items: "jsonata", groupBy: "list", calculations: "list" });
    expect(kinds("transform.mask")).toMatchObject({ data: "jsonata", rules: "list" });
    expect(kinds("transform.code")).toEqual({ code: "code", timeoutMs: "number", memoryLimitMb: "number" });
    expect(kinds("transform.validate")).toEqual({ data: "jsonata", schema: "json" });
    expect(configFields(getNodeDefinition("transform.set")!.config)[1].itemFields!.map((f) => [f.key, f.kind])).toEqual([
      ["op", "enum"],
      ["field", "text"],
      ["value", "text"],
      ["to", "text"],
    ]);
  });

  it("keeps node files browser-safe: no server modules and no heavy libraries", () => {
    const files = readdirSync(NODES_DIR).filter((f) => /^transform-.*\.ts$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(TYPES.length);
    for (const file of files) {
      const source = readFileSync(path.join(NODES_DIR, file), "utf8");
      const imports = [...source.matchAll(/^import\s+(?:type\s+)?[^"']*["']([^"']+)["']/gm)].filter((m) => !m[0].startsWith("import type")).map((m) => m[1]);
      for (const specifier of imports) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^node:|^@\/lib\/(execution|db|runs|engine)|^(ajv|ajv-formats|luxon|papaparse|fast-xml-parser|quickjs-emscripten-core|@jitl\/.*)$/);
      }
    }
  });
});
