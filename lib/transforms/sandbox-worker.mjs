// The code sandbox's worker thread: runs user JavaScript in QuickJS (compiled to WebAssembly).
// Plain JavaScript on purpose: it is started with `new Worker(url)` by lib/transforms/sandbox.ts
// both from the Next.js server and from tests, without a TypeScript loader.
//
// Isolation: the code runs in a fresh QuickJS runtime per execution, with no host functions but
// `console.*` (captured). There is no `process`, `require`, `fetch`, file system, timers or
// network; only the ECMAScript standard library. Time (interrupt handler), memory and stack are
// limited inside QuickJS; the parent thread also terminates this worker if it overruns anyway.
import { parentPort } from "node:worker_threads";
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";

const USER_FILE = "code.js";
const INTERNAL_FILE = "switchboard.js";
/** The user's code becomes the body of this function; it adds exactly one line before the code. */
const WRAPPER_HEAD = "(async function (input, trigger, steps, run) {\n";
const WRAPPER_TAIL = "\n})";
/** Parses the arguments before any user code runs and serialises the result with the original JSON.stringify. */
const RUNNER = `(function (fn, data) {
  "use strict";
  const stringify = JSON.stringify;
  const args = JSON.parse(data);
  return fn(args.input, args.trigger, args.steps, args.run).then(function (value) {
    const text = stringify(value === undefined ? null : value);
    return text === undefined ? "null" : text;
  });
})`;
/** QuickJS's own stack limit; far below the worker's native stack so QuickJS reports the overflow first. */
const MAX_STACK_BYTES = 256 * 1024;
const MAX_LOG_LINES = 200;
const MAX_LOG_CHARS = 64 * 1024;

const quickjs = newQuickJSWASMModuleFromVariant(variant);

parentPort.on("message", async (request) => {
  let reply;
  try {
    reply = execute(await quickjs, request);
  } catch (error) {
    // An error outside QuickJS's own handling (e.g. the native stack ran out): the module's state
    // cannot be trusted any more; `fatal` makes the parent replace this worker.
    reply = { ok: false, fatal: true, logs: [], error: { kind: "crash", name: error?.name ?? "Error", message: String(error?.message ?? error) } };
  }
  parentPort.postMessage({ id: request.id, ...reply });
});

/**
 * @param {import("quickjs-emscripten-core").QuickJSWASMModule} module
 * @param {{ code: string, data: string, timeoutMs: number, memoryLimitBytes: number }} request
 */
function execute(module, request) {
  const logs = createLogs();
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(request.memoryLimitBytes);
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  const deadline = Date.now() + request.timeoutMs;
  let interrupted = false;
  runtime.setInterruptHandler(() => (interrupted ||= Date.now() > deadline));
  const context = runtime.newContext();
  const handles = [];
  const keep = (handle) => (handles.push(handle), handle);
  let reply = evaluate(context, runtime, request, logs, keep);
  // Once interrupted, whatever failed after (e.g. promises whose jobs were cut short) is the time limit.
  if (!reply.ok && interrupted) reply = failure({ kind: "timeout", name: "TimeoutError", message: "interrupted" }, logs);
  // Code stopped in the middle (time or memory) can leave objects QuickJS cannot free cleanly, and
  // freeing them could abort the whole module: such a worker is replaced instead of cleaned up.
  if (!reply.ok && ["timeout", "memory"].includes(reply.error.kind)) return { ...reply, fatal: true };
  try {
    for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
    context.dispose();
    runtime.dispose();
    return reply;
  } catch {
    return { ...reply, fatal: true };
  }
}

function evaluate(context, runtime, request, logs, keep) {
  installConsole(context, logs, keep);
  const compiled = context.evalCode(WRAPPER_HEAD + request.code + WRAPPER_TAIL, USER_FILE);
  if (compiled.error) return failure(describeError(context, keep(compiled.error), request, true), logs);
  const fn = keep(compiled.value);
  const runner = context.evalCode(RUNNER, INTERNAL_FILE);
  if (runner.error) return failure(describeError(context, keep(runner.error), request), logs);
  const called = context.callFunction(keep(runner.value), context.undefined, fn, keep(context.newString(request.data)));
  if (called.error) return failure(describeError(context, keep(called.error), request), logs);
  const promise = keep(called.value);
  let state = context.getPromiseState(promise);
  while (state.type === "pending") {
    const jobs = runtime.executePendingJobs();
    if (jobs.error) return failure(describeError(context, keep(jobs.error), request), logs);
    state = context.getPromiseState(promise);
    if (state.type === "pending" && jobs.value === 0) {
      return failure({ kind: "runtime", name: "Error", message: "The code waited for something that never happened (there are no timers, network or events in the sandbox)" }, logs);
    }
  }
  if (state.type === "rejected") return failure(describeError(context, keep(state.error), request), logs);
  return { ok: true, result: context.getString(keep(state.value)), logs: logs.lines };
}

function failure(error, logs) {
  return { ok: false, error, logs: logs.lines };
}

function createLogs() {
  const logs = { lines: [], chars: 0, dropped: false };
  logs.add = (level, text) => {
    if (logs.dropped) return;
    if (logs.lines.length >= MAX_LOG_LINES || logs.chars + text.length > MAX_LOG_CHARS) {
      logs.dropped = true;
      logs.lines.push({ level: "warn", message: `Further logs dropped (at most ${MAX_LOG_LINES} lines and ${MAX_LOG_CHARS / 1024} KB)` });
      return;
    }
    logs.chars += text.length;
    logs.lines.push({ level, message: text });
  };
  return logs;
}

function installConsole(context, logs, keep) {
  const consoleObject = keep(context.newObject());
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    const fn = keep(
      context.newFunction(level, (...args) => {
        logs.add(level === "debug" ? "log" : level, args.map((arg) => formatLogArg(context, arg)).join(" "));
      }),
    );
    context.setProp(consoleObject, level, fn);
  }
  context.setProp(context.global, "console", consoleObject);
}

function formatLogArg(context, handle) {
  const type = context.typeof(handle);
  if (type === "string") return context.getString(handle);
  if (type === "undefined") return "undefined";
  if (type === "function") return "[function]";
  try {
    const value = context.dump(handle);
    if (value && typeof value === "object" && typeof value.message === "string" && typeof value.name === "string" && "stack" in value) return `${value.name}: ${value.message}`;
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return `[${type}]`;
  }
}

/** What went wrong, with the line and column in the user's code (the wrapper's first line removed). */
function describeError(context, handle, request, compiling = false) {
  let raw;
  try {
    raw = context.dump(handle);
  } catch {
    raw = { name: "InternalError", message: "out of memory" };
  }
  const error = raw && typeof raw === "object" ? raw : { name: "Error", message: String(raw) };
  const name = typeof error.name === "string" ? error.name : "Error";
  const message = typeof error.message === "string" ? error.message : String(raw);
  if (name === "InternalError" && message === "interrupted") return { kind: "timeout", name: "TimeoutError", message };
  if (/out of memory/i.test(message)) return { kind: "memory", name: "MemoryError", message };
  const position = userPosition(typeof error.stack === "string" ? error.stack : "", request.code);
  const kind = compiling ? "syntax" : "runtime";
  return { kind, name, message, ...(position && !position.internal ? { line: position.line, column: position.column } : {}) };
}

function userPosition(stack, code) {
  const match = new RegExp(`${USER_FILE.replace(".", "\\.")}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!match) return stack.includes(INTERNAL_FILE) ? { internal: true } : undefined;
  const lines = code.split("\n");
  let line = Number(match[1]) - 1;
  let column = match[2] ? Number(match[2]) : undefined;
  if (line < 1) return undefined;
  if (line > lines.length) {
    // The error points past the user's code (e.g. a missing "}" noticed at the wrapper's end).
    line = lines.length;
    column = lines[line - 1].length + 1;
  }
  return { line, column };
}
