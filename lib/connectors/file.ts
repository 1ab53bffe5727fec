/**
 * A file sent in a multipart body. Binary data travels through run data as base64 text (an HTTP
 * Request step's "binary" answer is its body in base64), so a file is that text with a name and a
 * content type. Browser-safe.
 */
export interface FilePart {
  name: string;
  contentType: string;
  base64: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:([^;,]*)(?:;[^;,]*)*;base64,(.*)$/s;
const OCTETS = "application/octet-stream";

/**
 * A node value as a file, or undefined when it is none: `{ name?, contentType?, base64 }` (an
 * expression that builds it), a `data:<type>;base64,…` URL, or bare base64 text (named `fallbackName`).
 */
export function fileOf(value: unknown, fallbackName: string): FilePart | undefined {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { name, contentType, base64 } = value as Record<string, unknown>;
    if (typeof base64 !== "string" || !isBase64(base64)) return undefined;
    return { name: typeof name === "string" && name ? name : fallbackName, contentType: typeof contentType === "string" && contentType ? contentType : OCTETS, base64: compact(base64) };
  }
  if (typeof value !== "string") return undefined;
  const dataUrl = DATA_URL.exec(value.trim());
  if (dataUrl) return isBase64(dataUrl[2]) ? { name: fallbackName, contentType: dataUrl[1] || OCTETS, base64: compact(dataUrl[2]) } : undefined;
  return isBase64(value) ? { name: fallbackName, contentType: OCTETS, base64: compact(value) } : undefined;
}

const compact = (text: string) => text.replace(/\s+/g, "");
const isBase64 = (text: string) => {
  const compacted = compact(text);
  return compacted.length > 0 && compacted.length % 4 === 0 && BASE64.test(compacted);
};
