import { Prisma } from "@/lib/generated/prisma-sqlite/client";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Converts a value for a nullable Json column: plain JSON, with null/undefined stored as SQL NULL. */
export function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === undefined || value === null) return Prisma.DbNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export interface SerializedError {
  name: string;
  message: string;
  [key: string]: unknown;
}

/** A plain-JSON description of an error for run history (no stack: it is noise to operators). */
export function serializeError(error: unknown, extra: Record<string, unknown> = {}): SerializedError {
  if (error instanceof Error) {
    const details = (error as { details?: Record<string, unknown> }).details;
    return { name: error.name, message: error.message, ...(details ?? {}), ...extra };
  }
  if (error && typeof error === "object" && "message" in error) {
    return { name: String((error as { name?: unknown }).name ?? "Error"), message: String(error.message), ...extra };
  }
  return { name: "Error", message: String(error), ...extra };
}
