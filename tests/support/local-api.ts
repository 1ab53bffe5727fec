import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The path with its query string. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  startedAt: number;
  endedAt: number;
}

export type LocalHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface LocalApi {
  url: string;
  requests: RecordedRequest[];
  /** Requests per path (count of calls the API received). */
  count(path: string): number;
  setHandler(path: string, handler: LocalHandler): void;
  close(): Promise<void>;
}

/**
 * A test-owned HTTP API on 127.0.0.1 that records every request. Unknown paths answer 200 with
 * `{ ok: true }`.
 */
export async function startLocalApi(handlers: Record<string, LocalHandler> = {}): Promise<LocalApi> {
  const routes = new Map(Object.entries(handlers));
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const startedAt = Date.now();
    req.on("data", (c) => chunks.push(c));
    // A handler's failure stays an unhandled rejection, which fails the test run.
    const respond = async () => {
      const record: RecordedRequest = { method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0], url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString(), startedAt, endedAt: 0 };
      requests.push(record);
      res.on("finish", () => (record.endedAt = Date.now()));
      const handler = routes.get(record.path);
      if (handler) await handler(record, res);
      else json(res, 200, { ok: true });
    };
    req.on("end", () => void respond());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((r) => r.path === path).length,
    setHandler: (path, handler) => routes.set(path, handler),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
