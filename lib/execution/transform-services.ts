import type { TransformServices } from "@/lib/nodes/transform-services";
import { csvToJson, jsonToCsv } from "./csv";
import { dateTime } from "./datetime";
import { validateJsonSchema } from "./json-schema";
import { runCode } from "./sandbox";
import { jsonToXml, xmlToJson } from "./xml";

/** The server half of the transform nodes (see lib/nodes/transform-services.ts). */
export const transformServices: TransformServices = {
  runCode,
  validateJsonSchema,
  xmlToJson,
  jsonToXml,
  csvToJson,
  jsonToCsv,
  dateTime,
};
