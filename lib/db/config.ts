import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export interface DatabaseConfig {
  kind: DatabaseKind;
  url: string;
  /** For SQLite: absolute path of the database file. */
  file?: string;
}

export const DEFAULT_DATABASE_URL = "file:./data/switchboard.db";

/** Reads DATABASE_URL: a postgres:// or postgresql:// URL selects PostgreSQL, anything else is a SQLite file. */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgresql", url };
  const file = url.replace(/^file:/, "");
  return { kind: "sqlite", url, file: path.resolve(file) };
}

/** The directory for Switchboard's local files (SQLite database, generated keys). */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_DATA_DIR) return path.resolve(env.SWITCHBOARD_DATA_DIR);
  const config = databaseConfig(env);
  return config.file ? path.dirname(config.file) : path.resolve("data");
}
