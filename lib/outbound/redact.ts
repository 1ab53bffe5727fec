import { REDACTED } from "@/lib/document/secret-fields";

/** Secrets shorter than this are not searched for in text (they would mask ordinary words). */
const MIN_LENGTH = 4;

/**
 * Masks known secret values wherever they appear in a value that is about to be stored or shown
 * (step inputs, outputs, errors, test results): every string, object key and nested value is
 * searched for each secret (and its URL-encoded form), longest first.
 */
export class Redactor {
  private secrets: string[] = [];

  add(values: Iterable<string | undefined | null>) {
    let changed = false;
    for (const value of values) {
      if (typeof value !== "string" || value.length < MIN_LENGTH) continue;
      for (const form of new Set([value, encodeURIComponent(value)])) {
        if (!this.secrets.includes(form)) {
          this.secrets.push(form);
          changed = true;
        }
      }
    }
    if (changed) this.secrets.sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.secrets.length;
  }

  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  value<T>(value: T): T {
    if (!this.secrets.length) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === "string") return this.text(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [this.text(k), walk(x)]));
      return v;
    };
    return walk(value) as T;
  }

  /** Masks an error's message and details in place (keeping its class, so retry decisions still work). */
  error<E>(error: E): E {
    if (!this.secrets.length || !(error instanceof Error)) return error;
    error.message = this.text(error.message);
    const holder = error as { details?: unknown; cause?: unknown; stack?: string };
    if (holder.details) {
      try {
        Object.defineProperty(error, "details", { value: this.value(holder.details), configurable: true, writable: true });
      } catch {
        // read-only details: leave them
      }
    }
    if (holder.stack) holder.stack = this.text(holder.stack);
    if (holder.cause instanceof Error) this.error(holder.cause);
    return error;
  }
}
