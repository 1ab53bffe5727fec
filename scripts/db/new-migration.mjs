// Writes the SQL migration that brings both databases from the schema of the last migration to
// the current prisma/schema.prisma: `npm run db:migration -- <name>`. Review the SQL before
// committing it (data-losing changes are not flagged). The app applies migrations on start.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSchemas } from "./schema-diff.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(1);
}

const root = "prisma/migrations";
const snapshotFile = path.join(root, "schema.snapshot.prisma");
const current = readFileSync("prisma/schema.prisma", "utf8");
const previous = existsSync(snapshotFile) ? readFileSync(snapshotFile, "utf8") : null;
if (previous === current) {
  console.error("prisma/schema.prisma has not changed since the last migration.");
  process.exit(1);
}

const asPostgres = (schema) => schema && schema.replace('provider = "sqlite"', 'provider = "postgresql"');
const existing = existsSync(path.join(root, "sqlite")) ? readdirSync(path.join(root, "sqlite")) : [];
const next = String(existing.filter((f) => /^\d{4}_/.test(f)).length + 1).padStart(4, "0");

for (const provider of ["sqlite", "postgresql"]) {
  const sql = await diffSchemas({
    provider,
    from: provider === "sqlite" ? previous : asPostgres(previous),
    to: provider === "sqlite" ? current : asPostgres(current),
  });
  const dir = path.join(root, provider);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${next}_${name}.sql`);
  writeFileSync(file, sql);
  console.log(`wrote ${file}`);
}
writeFileSync(snapshotFile, current);
