import { createHash } from "node:crypto";
import type { TransformServices } from "@/lib/nodes/transform-contract";
import { csvToJson, jsonToCsv } from "./csv";
import { dateTime } from "./datetime";
import { validateJsonSchema } from "./json-schema";
import { runCode } from "./sandbox";
import { jsonToXml, xmlToJson } from "./xml";

/** The server half of the transform nodes (see lib/nodes/transform-contract.ts). */
export const transformServices: TransformServices = {
  runCode,
  validateJsonSchema,
  xmlToJson,
  jsonToXml,
  csvToJson,
  jsonToCsv,
  dateTime,
  digest: (algorithm, text) => createHash(algorithm).update(text, "utf8").digest("hex"),
};
