import { defineConfig } from "prisma/config";
import path from "node:path";

// Prisma 7's CLI downloads a native schema engine before every command, even `generate`, which
// needs none; on offline machines that download fails. Pointing the variable at any existing
// file skips it (see ../shared/STACK.md). Switchboard applies its SQL migrations itself
// (lib/db/migrate.ts), so the CLI only ever generates clients.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");

export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma",
});
