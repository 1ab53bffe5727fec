import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import type { XmlBuildOptions, XmlParseOptions } from "@/lib/nodes/transform-contract";

/**
 * XML ⇄ JSON for `transform.xml` with fast-xml-parser. Parsing never fetches anything (no
 * external entities) and caps entity expansion and nesting; malformed XML is reported with its
 * line and column.
 */

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

export function xmlToJson(xml: string, options: XmlParseOptions): unknown {
  const checked = XMLValidator.validate(xml);
  if (checked !== true) throw new XmlError(`Not valid XML: ${checked.err.msg} (line ${checked.err.line}, column ${checked.err.col})`);
  const alwaysArray = new Set(options.alwaysArray);
  const parser = new XMLParser({
    ignoreAttributes: options.ignoreAttributes,
    attributeNamePrefix: options.attributePrefix,
    textNodeName: options.textKey,
    parseTagValue: options.parseValues,
    parseAttributeValue: options.parseValues,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    isArray: (tagName, _path, _isLeaf, isAttribute) => !isAttribute && alwaysArray.has(tagName),
    processEntities: true,
    htmlEntities: false,
  });
  try {
    return parser.parse(xml);
  } catch (error) {
    throw new XmlError(`Could not read the XML: ${(error as Error).message}`);
  }
}

export function jsonToXml(value: unknown, options: XmlBuildOptions): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: options.attributePrefix,
    textNodeName: options.textKey,
    format: options.pretty,
    indentBy: "  ",
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
  });
  let xml: string;
  try {
    xml = builder.build(withRoot(value, options.rootName));
  } catch (error) {
    throw new XmlError(`Could not write the XML: ${(error as Error).message}`);
  }
  xml = xml.trim();
  return options.declaration ? `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` : xml;
}

/** An object with one (non-attribute) key already names its root element; anything else is wrapped in `rootName`. */
function withRoot(value: unknown, rootName: string): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && !Array.isArray((value as Record<string, unknown>)[keys[0]]) && /^[A-Za-z_][\w.-]*$/.test(keys[0])) return value as Record<string, unknown>;
    return { [rootName]: value };
  }
  if (Array.isArray(value)) return { [rootName]: { item: value } };
  return { [rootName]: value ?? "" };
}
