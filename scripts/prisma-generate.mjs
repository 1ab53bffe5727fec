// Generates both Prisma clients. prisma/schema.prisma (SQLite) is the only schema we edit; the
// PostgreSQL schema differs only in its provider, so it is derived here rather than kept by hand.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const source = readFileSync("prisma/schema.prisma", "utf8");
const postgres = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output       = "../lib/generated/prisma-sqlite"', 'output       = "./prisma-postgresql"');
if (postgres === source || !postgres.includes('"./prisma-postgresql"')) {
  throw new Error("prisma/schema.prisma: provider or output line not found; update scripts/prisma-generate.mjs");
}
mkdirSync("lib/generated", { recursive: true });
writeFileSync("lib/generated/schema.postgresql.prisma", `// Generated from prisma/schema.prisma. Do not edit.\n${postgres}`);

for (const schema of ["prisma/schema.prisma", "lib/generated/schema.postgresql.prisma"]) {
  execFileSync("npx", ["prisma", "generate", "--schema", schema], { stdio: ["ignore", "ignore", "inherit"] });
}
