// Offline `prisma migrate diff --script` through @prisma/schema-engine-wasm: Prisma 7's CLI needs a
// native schema engine that cannot be downloaded here (../shared/STACK.md). No database is used:
// the engine gets a stub driver adapter. SQLite never queries it; PostgreSQL sends one probe
// (namespace exists + server version), which the stub answers. Any other access is an error.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const PG_VERSION = 150000;

let engineModule;

async function loadEngine() {
  if (engineModule) return engineModule;
  // The wasm reports panics through this global; surface them as the error message.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`schema engine panic: ${message}`) };
  // Node 20 cannot `import` a .wasm file without a flag, so instantiate it by hand.
  const bgPath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import(bgPath);
  const { instance } = await WebAssembly.instantiate(readFileSync(bgPath.replace(/\.js$/, ".wasm")), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  engineModule = bg;
  return bg;
}

/** A driver adapter in the "bound" Result shape the engine expects, answering only what a diff asks. */
function stubAdapterFactory(provider) {
  const errors = [];
  const errorRegistry = { consumeError: (id) => errors[id] };
  const ok = (value) => ({ ok: true, value });
  const refuse = (what, sql = "") => ({ ok: false, error: { kind: "GenericJs", id: errors.push({ error: new Error(`schema-diff: unexpected database access (${what}) ${sql}`) }) - 1 } });
  const kind = provider === "postgresql" ? "postgres" : "sqlite";
  const probe = /^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/;
  const connection = {
    adapterName: "schema-diff-offline",
    provider: kind,
    errorRegistry,
    queryRaw: async (q) =>
      kind === "postgres" && probe.test(q.sql)
        ? ok({ columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0], rows: [[true, "PostgreSQL 15.0 (offline stub)", PG_VERSION]] })
        : refuse("queryRaw", q.sql),
    executeRaw: async (q) => refuse("executeRaw", q.sql),
    executeScript: async (s) => refuse("executeScript", s),
    startTransaction: async () => refuse("startTransaction"),
    getConnectionInfo: () => ok(kind === "postgres" ? { schemaName: "public", supportsRelationJoins: true } : { supportsRelationJoins: false }),
    dispose: async () => ok(undefined),
  };
  return { adapterName: connection.adapterName, provider: kind, errorRegistry, connect: async () => ok(connection), connectToShadowDb: async () => refuse("connectToShadowDb") };
}

/**
 * SQL that turns a database at schema `from` (null = empty) into schema `to`. Both are Prisma
 * schema texts whose datasource provider must be `provider`.
 */
export async function diffSchemas({ provider, from, to }) {
  const bg = await loadEngine();
  const engine = await bg.SchemaEngine.new({ datamodels: undefined }, () => {}, stubAdapterFactory(provider));
  const target = (content, name) => (content ? { tag: "schemaDatamodel", files: [{ path: name, content }] } : { tag: "empty" });
  const result = await engine.diff({
    from: target(from, "from.prisma"),
    to: target(to, "to.prisma"),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return `${result.stdout ?? ""}\n`;
}
