import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDirectory } from "./config";

/**
 * A secret generated once into the data directory (readable by the owner only), so a fresh
 * install is secure without setup. When several processes start together, the first write wins
 * (`wx`) and the others read what it wrote.
 */
export function dataFileSecret(name: string, generate: () => string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = dataDirectory(env);
  const file = dataFilePath(name, env);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, `${generate()}\n`, { mode: 0o600, flag: "wx" });
    } catch {
      // Another process or module instance wrote it first.
    }
    return readFileSync(file, "utf8").trim();
  }
}

/** Where dataFileSecret keeps the secret `name`. */
export function dataFilePath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDirectory(env), name);
}
