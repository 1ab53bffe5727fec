import { describe, expect, it } from "vitest";
import { runCode } from "@/lib/transforms/sandbox";
import { NodeError } from "@/lib/nodes/errors";
import { issuesOf, runNode, scopeWith } from "../support/transforms";

const run = (code: string, input: unknown = null, extra: Parameters<typeof scopeWith>[1] = {}, limits: { timeoutMs?: number; memoryLimitMb?: number } = {}) =>
  runNode("transform.code", { code, ...limits }, scopeWith(input, extra));

async function failure(code: string, limits: { timeoutMs?: number; memoryLimitMb?: number } = {}): Promise<NodeError> {
  const error = await run(code, null, {}, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

describe("transform.code", () => {
  it("returns the code's result and what it logged", async () => {
    const result = await run(
      'console.log("items", input.length, { first: input[0] });\nconsole.warn("careful");\nreturn { total: input.reduce((s, x) => s + x.n, 0), source: trigger.source, run: run.id, seen: Object.keys(steps) };',
      [{ n: 1 }, { n: 2 }],
      { trigger: { source: "web" }, steps: { a: 1, b: 2 } },
    );
    expect(result.output).toEqual({
      result: { total: 3, source: "web", run: "run_1", seen: ["a", "b"] },
      logs: [
        { level: "log", message: 'items 2 {"first":{"n":1}}' },
        { level: "warn", message: "careful" },
      ],
    });
  });

  it("supports await on plain promises and async functions", async () => {
    const result = await run("const double = async (x) => x * 2;\nconst values = await Promise.all([double(1), double(2), Promise.resolve(5)]);\nreturn values;");
    expect(result.output).toMatchObject({ result: [2, 4, 5] });
  });

  it("gives the code deep copies: changing them changes nothing outside", async () => {
    const input = { list: [1, 2] };
    const result = await run("input.list.push(3); input.added = true; return input;", input);
    expect(result.output).toMatchObject({ result: { list: [1, 2, 3], added: true } });
    expect(input).toEqual({ list: [1, 2] });
  });

  it("turns undefined and functions into null", async () => {
    expect((await run("return undefined")).output).toMatchObject({ result: null });
    expect((await run("return;")).output).toMatchObject({ result: null });
    expect((await run("return { f() {}, x: 1 }")).output).toMatchObject({ result: { x: 1 } });
  });

  it("keeps {{ }} in the code as written (data is never spliced into code)", async () => {
    const result = await run('return "Hello {{ name }}".replace("{{ name }}", input.name);', { name: "Ada" });
    expect(result.output).toMatchObject({ result: "Hello Ada" });
    expect(issuesOf("transform.code", { code: 'return "{{ not JSONata ("' })).toEqual([]);
  });

  describe("sandbox", () => {
    it("has no process, require, module, fetch, timers, file system or network objects", async () => {
      const result = await run(
        "return [typeof process, typeof require, typeof module, typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof setTimeout, typeof setInterval, typeof std, typeof os, typeof Deno, typeof Bun, typeof WebAssembly, typeof globalThis.process, typeof import.meta];",
      ).catch((e: Error) => e);
      // `import.meta` is only valid in modules: the code is a function body, so it is a syntax error.
      expect(result).toBeInstanceOf(NodeError);
      const ok = await run(
        "return [typeof process, typeof require, typeof module, typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof setTimeout, typeof setInterval, typeof std, typeof os, typeof Deno, typeof Bun, typeof WebAssembly, typeof globalThis.process];",
      );
      expect((ok.output as { result: string[] }).result.every((t) => t === "undefined")).toBe(true);
    });

    it("cannot reach the host through constructors, globalThis or dynamic import", async () => {
      const tricks = await run(
        [
          "const viaFunction = Function('return typeof process')();",
          "const viaConstructor = (() => {}).constructor.constructor('return typeof require')();",
          "const viaGlobal = Object.getOwnPropertyNames(globalThis).filter((k) => /process|require|fetch|module|std|os/i.test(k));",
          "const viaThis = (function () { return typeof this.process; })();",
          "return { viaFunction, viaConstructor, viaGlobal, viaThis };",
        ].join("\n"),
      );
      expect(tricks.output).toMatchObject({ result: { viaFunction: "undefined", viaConstructor: "undefined", viaGlobal: [], viaThis: "undefined" } });
      const imported = await failure("const fs = await import('fs');\nreturn fs.readFileSync('/etc/passwd', 'utf8');");
      expect(imported.message).toBe("ReferenceError: could not load module 'fs'");
    });

    it("stops an endless loop at the time limit, even one that catches errors, without blocking the server", async () => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      try {
        const error = await failure("while (true) { try { for (;;) {} } catch (e) {} }", { timeoutMs: 300 });
        expect(error.message).toBe("The code ran longer than its time limit of 300 ms");
        expect(error.retriable).toBe(false);
      } finally {
        clearInterval(timer);
      }
      // The main thread kept running its timers while the code spun in the sandbox's thread.
      expect(ticks).toBeGreaterThan(0);
    });

    it("stops an endless chain of promises at the time limit", async () => {
      const error = await failure("const spin = () => Promise.resolve().then(spin);\nawait spin();", { timeoutMs: 200 });
      expect(error.message).toBe("The code ran longer than its time limit of 200 ms");
    });

    it("stops code that needs more memory than its limit", async () => {
      const error = await failure("const hoard = [];\nwhile (true) hoard.push('some text ' + hoard.length);", { memoryLimitMb: 16, timeoutMs: 20_000 });
      expect(error.message).toBe("The code needed more than its memory limit of 16 MB");
      const big = await failure("return 'x'.repeat(200 * 1024 * 1024).length;", { memoryLimitMb: 16 });
      expect(big.message).toBe("The code needed more than its memory limit of 16 MB");
    });

    it("reports endless recursion as a stack overflow", async () => {
      const error = await failure("function down(n) {\n  return down(n + 1) + 1;\n}\nreturn down(0);");
      expect(error.message).toMatch(/^InternalError at line 2, column \d+: stack overflow$/);
    });

    it("keeps working after a limit was hit", async () => {
      await failure("for (;;) {}", { timeoutMs: 50 });
      expect((await run("return 1 + 1")).output).toMatchObject({ result: 2 });
    });

    it("runs many code steps at once", async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => run(`return input * 2;`, i)));
      expect(results.map((r) => (r.output as { result: number }).result)).toEqual(Array.from({ length: 12 }, (_, i) => i * 2));
    });

    it("stops the code when the step is aborted", async () => {
      const controller = new AbortController();
      const pending = runCode({ code: "for (;;) {}", data: { input: null, trigger: null, steps: {}, run: null }, timeoutMs: 20_000, memoryLimitMb: 16, signal: controller.signal });
      setTimeout(() => controller.abort(new Error("step timed out")), 50);
      await expect(pending).rejects.toThrow("step timed out");
      expect((await run("return 'still fine'")).output).toMatchObject({ result: "still fine" });
    });
  });

  describe("errors point at the user's code", () => {
    it("a syntax error, with line and column", async () => {
      const error = await failure("const a = 1;\nconst b = (a + ;\nreturn b;");
      expect(error.message).toBe("SyntaxError at line 2, column 16: unexpected token in expression: ';'");
      expect(error.details).toMatchObject({ line: 2, column: 16 });
    });

    it("a missing closing brace, at the end of the code", async () => {
      const error = await failure("if (input) {\n  return 1;");
      expect(error.message).toMatch(/^SyntaxError at line 2, column 12: /);
    });

    it("a runtime error in a nested function, with the logs written before it", async () => {
      const error = await failure('console.log("start");\nfunction total(order) {\n  return order.lines.length;\n}\nreturn total({});');
      expect(error.message).toBe("TypeError at line 3, column 21: cannot read property 'length' of undefined");
      expect(error.details).toMatchObject({ line: 3, column: 21, logs: [{ level: "log", message: "start" }] });
      expect(error.retriable).toBe(false);
    });

    it("a thrown value that is not an Error", async () => {
      expect((await failure('throw "no orders"')).message).toBe("Error: no orders");
      expect((await failure("throw new RangeError('too many')")).message).toMatch(/^RangeError at line 1, column \d+: too many$/);
    });

    it("a result that is not JSON", async () => {
      expect((await failure("return 10n")).message).toMatch(/BigInt/);
      expect((await failure("const a = {}; a.self = a; return a;")).message).toMatch(/circular/i);
    });
  });

  it("limits time and memory to safe maxima", () => {
    expect(issuesOf("transform.code", { code: "return 1", timeoutMs: 60_000 })).toEqual(["timeoutMs: Too big: expected number to be <=30000"]);
    expect(issuesOf("transform.code", { code: "return 1", memoryLimitMb: 1024 })).toEqual(["memoryLimitMb: Too big: expected number to be <=256"]);
    expect(issuesOf("transform.code", { code: "  " })).toEqual(["code: Write the code to run"]);
  });
});
