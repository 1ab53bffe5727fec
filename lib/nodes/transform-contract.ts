/**
 * What the transform nodes ask of the server through `ctx.services.transforms`: libraries that
 * are heavy or server-only stay out of the node files, which the browser imports for forms.
 * Implemented in lib/transforms/services.ts. Types only: nothing here runs.
 */

export interface CodeLogLine {
  level: "log" | "info" | "warn" | "error";
  message: string;
}

export interface CodeRunRequest {
  /** The body of a function of `input`, `trigger`, `steps` and `run`; may use `await`. */
  code: string;
  /** Plain JSON handed to the code as deep copies. */
  data: { input: unknown; trigger: unknown; steps: Record<string, unknown>; run: unknown };
  timeoutMs: number;
  memoryLimitMb: number;
  signal?: AbortSignal;
}

export interface CodeRunError {
  /** syntax and runtime errors carry the position in the user's code. */
  kind: "syntax" | "runtime" | "timeout" | "memory" | "output" | "crash";
  name: string;
  message: string;
  line?: number;
  column?: number;
}

export type CodeRunResult = { ok: true; result: unknown; logs: CodeLogLine[] } | { ok: false; error: CodeRunError; logs: CodeLogLine[] };

export interface SchemaValidationResult {
  valid: boolean;
  /** Dotted paths into the data ("" for the data itself) with readable messages. */
  errors: { path: string; message: string }[];
}

export interface XmlParseOptions {
  attributePrefix: string;
  ignoreAttributes: boolean;
  textKey: string;
  parseValues: boolean;
  alwaysArray: string[];
}

export interface XmlBuildOptions {
  attributePrefix: string;
  textKey: string;
  rootName: string;
  pretty: boolean;
  declaration: boolean;
}

export interface CsvParseOptions {
  header: boolean;
  delimiter: string;
  columns: string[];
  parseValues: boolean;
}

export interface CsvStringifyOptions {
  header: boolean;
  delimiter: string;
  columns: string[];
}

export interface DateTimeRequest {
  value: unknown;
  /** Luxon tokens; empty: ISO 8601 (also RFC 2822, HTTP and SQL dates, epoch milliseconds as numbers). */
  inputFormat?: string;
  /** e.g. "+1 day", "-2h30m", "P1M"; applied in `timeZone` (so "+1 day" keeps the wall-clock time across DST). */
  shift?: string;
  /** Luxon tokens; empty: ISO 8601. */
  outputFormat?: string;
  timeZone: string;
  locale: string;
}

export interface TransformServices {
  /** Runs user JavaScript in an isolated sandbox (no network, file system or process) with time and memory limits. */
  runCode(request: CodeRunRequest): Promise<CodeRunResult>;
  /** Validates data against a JSON Schema (draft-07, 2019-09 or 2020-12 by its `$schema`), with formats. Throws on a schema that does not compile. */
  validateJsonSchema(schema: unknown, data: unknown): SchemaValidationResult;
  xmlToJson(xml: string, options: XmlParseOptions): unknown;
  jsonToXml(value: unknown, options: XmlBuildOptions): string;
  csvToJson(csv: string, options: CsvParseOptions): unknown[];
  jsonToCsv(rows: unknown[], options: CsvStringifyOptions): string;
  /** Parses, shifts and formats one date; throws an Error with a readable message when it cannot. */
  dateTime(request: DateTimeRequest): string | number;
  /** The hex digest of a text's UTF-8 bytes. */
  digest(algorithm: "md5" | "sha1" | "sha256", text: string): string;
}
