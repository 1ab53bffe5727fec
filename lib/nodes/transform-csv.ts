import { Sheet } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { describeType } from "./transform-common";
import { defineNode } from "./types";

const DELIMITERS = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" } as const;

/** CSV text to a list of rows, or a list of rows to CSV text. */
export const csvTransform = defineNode({
  type: "transform.csv",
  kind: "step",
  pure: true,
  category: "transform",
  label: "CSV",
  description: "Convert CSV text to a list of rows, or a list of rows to CSV text.",
  icon: Sheet,
  config: z.object({
    direction: z.enum(["csv-to-json", "json-to-csv"]).default("csv-to-json").meta({ title: "Convert" }),
    data: z
      .string()
      .trim()
      .min(1, "Enter the data to convert, e.g. input")
      .default("input")
      .meta({ title: "Data", description: "What to convert (JSONata): CSV text such as input.body, or a list of objects to write as CSV.", widget: "jsonata" }),
    header: z.boolean().default(true).meta({ title: "Header row", description: "CSV to JSON: the first row names the columns, so each row becomes an object. JSON to CSV: write the column names first." }),
    delimiter: z.enum(Object.keys(DELIMITERS) as [keyof typeof DELIMITERS, ...(keyof typeof DELIMITERS)[]]).default("comma").meta({ title: "Separator" }),
    columns: z
      .array(z.string().trim().min(1, "Enter a column name"))
      .max(500)
      .default([])
      .meta({ title: "Columns", description: "JSON to CSV: which fields to write, in order (none: every field). CSV to JSON: names for the columns (instead of the header row)." }),
    parseValues: z.boolean().default(false).meta({ title: "Convert numbers and booleans", description: 'CSV to JSON: "42" becomes 42 and "true" becomes true (off: every cell stays text).' }),
  }),
  defaults: { direction: "csv-to-json", data: "input", header: true, delimiter: "comma", columns: [], parseValues: false },
  jsonataFields: ["data"],
  async execute({ config, scope, services }) {
    const data = await evaluate(config.data, scope);
    const delimiter = DELIMITERS[config.delimiter];
    try {
      if (config.direction === "csv-to-json") {
        if (typeof data !== "string") {
          const hint = data && typeof data === "object" && typeof (data as { body?: unknown }).body === "string" ? " (for an HTTP response, use input.body)" : "";
          throw new NodeError(`CSV to JSON needs CSV text, but the data is ${describeType(data)}${hint}`, { retriable: false });
        }
        return { output: services.transforms.csvToJson(data, { header: config.header, delimiter, columns: config.columns, parseValues: config.parseValues }) };
      }
      const rows = data === null ? [] : Array.isArray(data) ? data : [data];
      return { output: services.transforms.jsonToCsv(rows, { header: config.header, delimiter, columns: config.columns }) };
    } catch (error) {
      if (error instanceof NodeError) throw error;
      throw new NodeError((error as Error).message, { retriable: false });
    }
  },
});
