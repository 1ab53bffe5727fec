import { FileCode } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { describeType } from "./transform-common";
import { defineNode } from "./types";

const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/** XML text to JSON, or JSON to XML text. */
export const xmlTransform = defineNode({
  type: "transform.xml",
  kind: "step",
  pure: true,
  category: "transform",
  label: "XML",
  description: "Convert XML text to JSON, or JSON to XML text.",
  icon: FileCode,
  config: z.object({
    direction: z.enum(["xml-to-json", "json-to-xml"]).default("xml-to-json").meta({ title: "Convert" }),
    data: z
      .string()
      .trim()
      .min(1, "Enter the data to convert, e.g. input")
      .default("input")
      .meta({ title: "Data", description: "What to convert (JSONata): XML text such as input.body of an HTTP response, or the JSON to write as XML.", widget: "jsonata" }),
    attributePrefix: z
      .string()
      .max(10)
      .default("@")
      .meta({ title: "Attribute prefix", description: 'Attributes become fields with this prefix: <order id="7"> ⇄ { "order": { "@id": "7" } }.' }),
    textKey: z.string().trim().min(1).max(40).default("#text").meta({ title: "Text field", description: "Field for an element's text when it also has attributes or children." }),
    readAttributes: z.boolean().default(true).meta({ title: "Read attributes", description: "XML to JSON: keep attributes (off: drop them)." }),
    parseValues: z.boolean().default(false).meta({ title: "Convert numbers and booleans", description: 'XML to JSON: "42" becomes 42 and "true" becomes true (off: everything stays text, so "007" keeps its zeros).' }),
    alwaysList: z
      .array(z.string().trim().regex(XML_NAME, "Use an element name"))
      .max(50)
      .default([])
      .meta({ title: "List elements", description: "XML to JSON: elements that always become lists, even when there is only one of them (e.g. item)." }),
    rootName: z.string().trim().regex(XML_NAME, "Use an element name").default("root").meta({ title: "Root element", description: "JSON to XML: wraps the data unless it is an object with a single field, which names the root itself." }),
    pretty: z.boolean().default(true).meta({ title: "Indent", description: "JSON to XML: one element per line, indented." }),
    declaration: z.boolean().default(true).meta({ title: "XML declaration", description: 'JSON to XML: start with <?xml version="1.0" encoding="UTF-8"?>.' }),
  }),
  defaults: {
    direction: "xml-to-json",
    data: "input",
    attributePrefix: "@",
    textKey: "#text",
    readAttributes: true,
    parseValues: false,
    alwaysList: [],
    rootName: "root",
    pretty: true,
    declaration: true,
  },
  jsonataFields: ["data"],
  async execute({ config, scope, services }) {
    const data = await evaluate(config.data, scope);
    try {
      if (config.direction === "xml-to-json") {
        if (typeof data !== "string") {
          const hint = data && typeof data === "object" && typeof (data as { body?: unknown }).body === "string" ? " (for an HTTP response, use input.body)" : "";
          throw new NodeError(`XML to JSON needs XML text, but the data is ${describeType(data)}${hint}`, { retriable: false });
        }
        const output = services.transforms.xmlToJson(data, {
          attributePrefix: config.attributePrefix,
          ignoreAttributes: !config.readAttributes,
          textKey: config.textKey,
          parseValues: config.parseValues,
          alwaysArray: config.alwaysList,
        });
        return { output };
      }
      const output = services.transforms.jsonToXml(data, {
        attributePrefix: config.attributePrefix,
        textKey: config.textKey,
        rootName: config.rootName,
        pretty: config.pretty,
        declaration: config.declaration,
      });
      return { output };
    } catch (error) {
      if (error instanceof NodeError) throw error;
      throw new NodeError((error as Error).message, { retriable: false });
    }
  },
});
