import { EyeOff } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { cloneJson, parsePath } from "./transform-common";
import { defineNode } from "./types";

export const REDACTED_TEXT = "[REDACTED]";

const ACTIONS = ["redact", "partial", "hash"] as const;

const ruleSchema = z.object({
  path: z
    .string()
    .trim()
    .min(1, "Enter a field")
    .refine((p) => p.includes("{{") || !parsePath(p).some((s) => s === ""), "Use a field name or a dotted path such as card.number or users.*.email")
    .meta({ title: "Field", description: "Dotted path; * stands for any one field or list position (users.*.email), ** for any depth (**.password)." }),
  action: z.enum(ACTIONS).default("redact").meta({
    title: "Mask with",
    description: `Redact: replace with ${REDACTED_TEXT}. Partial: keep only the last characters (************4242). Hash: SHA-256, so equal values still match.`,
  }),
  keepLast: z.number().int().min(0).max(20).default(4).meta({ title: "Characters to keep", description: "For partial: how many last characters stay visible." }),
});

export type MaskRule = z.output<typeof ruleSchema>;

/** Redacts, partially masks or hashes fields before the data reaches logs or other systems. */
export const maskTransform = defineNode({
  type: "transform.mask",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Mask",
  description: "Hide sensitive fields (redact, keep the last digits, or hash) before data goes further.",
  icon: EyeOff,
  config: z.object({
    data: z
      .string()
      .trim()
      .min(1, "Enter the data to mask, e.g. input")
      .default("input")
      .meta({ title: "Data", description: "What to mask (JSONata), usually input.", widget: "jsonata" }),
    rules: z.array(ruleSchema).min(1, "Add at least one field to mask").max(100).meta({ title: "Rules", description: "Which fields to mask and how; the first rule that matches a field applies." }),
    hashKey: z
      .string()
      .optional()
      .meta({ title: "Hash key", description: "Optional secret for hash: hashes become HMAC-SHA-256 with it, so short values (phone numbers, card digits) cannot be guessed back.", widget: "secret" }),
  }),
  defaults: { data: "input", rules: [{ path: "**.password", action: "redact", keepLast: 4 }] },
  jsonataFields: ["data"],
  async execute({ config, scope }) {
    const data = await evaluate(config.data, scope);
    return { output: await maskData(data, config.rules, config.hashKey) };
  },
});

/** A masked deep copy of `data`; fields no rule matches are unchanged. */
export async function maskData(data: unknown, rules: Pick<MaskRule, "path" | "action" | "keepLast">[], hashKey?: string): Promise<unknown> {
  const patterns = rules.map((rule) => ({ rule, segments: parsePath(rule.path) }));
  const hasher = await createHasher(hashKey);
  const walk = async (value: unknown, path: string[]): Promise<unknown> => {
    if (path.length) {
      const match = patterns.find((p) => matches(p.segments, path));
      if (match) return apply(match.rule, value, hasher);
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [i, item] of value.entries()) out.push(await walk(item, [...path, String(i)]));
      return out;
    }
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = await walk(item, [...path, key]);
      return out;
    }
    return value;
  };
  return walk(cloneJson(data), []);
}

/** Whether a concrete path matches a pattern: `*` is one segment, `**` zero or more. */
export function matches(pattern: string[], path: string[]): boolean {
  if (!pattern.length) return !path.length;
  const [head, ...rest] = pattern;
  if (head === "**") {
    for (let skip = 0; skip <= path.length; skip++) if (matches(rest, path.slice(skip))) return true;
    return false;
  }
  if (!path.length) return false;
  return (head === "*" || head === path[0]) && matches(rest, path.slice(1));
}

async function apply(rule: Pick<MaskRule, "action" | "keepLast">, value: unknown, hash: (text: string) => Promise<string>): Promise<unknown> {
  if (value === null || value === undefined) return value;
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  switch (rule.action) {
    case "redact":
      return REDACTED_TEXT;
    case "hash":
      return hash(text);
    case "partial": {
      if (typeof value === "object") return REDACTED_TEXT;
      const chars = [...text];
      const keep = chars.length > rule.keepLast ? rule.keepLast : 0;
      return "*".repeat(chars.length - keep) + chars.slice(chars.length - keep).join("");
    }
  }
}

/** SHA-256 (or HMAC-SHA-256 with a key) as hex, with Web Crypto (server and browser alike). */
async function createHasher(key?: string): Promise<(text: string) => Promise<string>> {
  const subtle = globalThis.crypto.subtle;
  const encoder = new TextEncoder();
  const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (!key) return async (text) => hex(await subtle.digest("SHA-256", encoder.encode(text)));
  const cryptoKey = await subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return async (text) => hex(await subtle.sign("HMAC", cryptoKey, encoder.encode(text)));
}
