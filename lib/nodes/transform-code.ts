import { SquareCode } from "lucide-react";
import { z } from "zod";
import { NodeError } from "./errors";
import type { CodeRunError } from "./transform-contract";
import { defineNode } from "./types";

export const CODE_MAX_TIMEOUT_MS = 30_000;
export const CODE_MAX_MEMORY_MB = 256;

const DEFAULT_CODE = `// input is the previous step's output.
// What you return is this step's output.
const items = Array.isArray(input) ? input : [];
return { count: items.length };`;

/**
 * Runs JavaScript in a sandbox (QuickJS: no network, files, process or timers) with time and
 * memory limits. Output: `{ result, logs }`.
 */
export const codeTransform = defineNode({
  type: "transform.code",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Code",
  description: "Run JavaScript on the data in a sandbox; what it returns is the output.",
  icon: SquareCode,
  config: z.object({
    code: z
      .string()
      .refine((code) => code.trim().length > 0, "Write the code to run")
      .meta({
        title: "JavaScript",
        description: "The body of a function: read input, trigger, steps and run, and return a JSON value (await works on promises). No network, files or timers.",
        widget: "code",
      }),
    timeoutMs: z
      .number()
      .int()
      .min(10)
      .max(CODE_MAX_TIMEOUT_MS)
      .default(2_000)
      .meta({ title: "Time limit (ms)", description: `The code is stopped after this long (at most ${CODE_MAX_TIMEOUT_MS / 1000} s).` }),
    memoryLimitMb: z
      .number()
      .int()
      .min(8)
      .max(CODE_MAX_MEMORY_MB)
      .default(64)
      .meta({ title: "Memory limit (MB)", description: `The code is stopped when it needs more (at most ${CODE_MAX_MEMORY_MB} MB).` }),
  }),
  defaults: { code: DEFAULT_CODE, timeoutMs: 2_000, memoryLimitMb: 64 },
  async execute({ config, scope, services, signal }) {
    const outcome = await services.transforms.runCode({
      code: config.code,
      data: { input: scope.input ?? null, trigger: scope.trigger ?? null, steps: scope.steps, run: scope.run },
      timeoutMs: config.timeoutMs,
      memoryLimitMb: config.memoryLimitMb,
      signal,
    });
    if (outcome.ok) return { output: { result: outcome.result, logs: outcome.logs } };
    const { error } = outcome;
    throw new NodeError(codeErrorMessage(error, config), {
      // The same code on the same data fails the same way; only a crashed sandbox is worth another attempt.
      retriable: error.kind === "crash",
      details: { ...(error.line ? { line: error.line, column: error.column } : {}), logs: outcome.logs },
    });
  },
});

export function codeErrorMessage(error: CodeRunError, limits: { timeoutMs: number; memoryLimitMb: number }): string {
  switch (error.kind) {
    case "timeout":
      return `The code ran longer than its time limit of ${limits.timeoutMs} ms`;
    case "memory":
      return `The code needed more than its memory limit of ${limits.memoryLimitMb} MB`;
    case "syntax":
    case "runtime": {
      const where = error.line ? ` at line ${error.line}${error.column ? `, column ${error.column}` : ""}` : "";
      return `${error.name}${where}: ${error.message}`;
    }
    default:
      return error.message;
  }
}
