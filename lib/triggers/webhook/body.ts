import type { IncomingMessage } from "node:http";

/** The request body exceeded the webhook's size limit (answered 413). */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Body exceeds the limit of ${limit} bytes`);
  }
}

/**
 * Reads the raw request bytes (signatures are computed over them), refusing more than `limit`
 * bytes: at once from Content-Length, else while streaming, without buffering the excess.
 */
export async function readBodyLimited(request: Request, limit: number): Promise<Buffer> {
  refuseDeclared(request.headers.get("content-length"), limit);
  const body = new LimitedBody(limit);
  if (!request.body) return body.bytes();
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return body.bytes();
    if (!body.add(value)) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
  }
}

/** readBodyLimited for a request on Node's own HTTP server (lib/triggers/webhook/node-intake.ts). */
export function readNodeBodyLimited(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    refuseDeclared(request.headers["content-length"], limit);
    const body = new LimitedBody(limit);
    const stop = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", reject);
    };
    const onData = (chunk: Buffer) => {
      if (body.add(chunk)) return;
      // Paused, not destroyed: the socket stays open for the 413.
      stop();
      request.pause();
      reject(new BodyTooLargeError(limit));
    };
    const onEnd = () => {
      stop();
      resolve(body.bytes());
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", reject);
  });
}

function refuseDeclared(contentLength: string | null | undefined, limit: number) {
  const declared = Number(contentLength ?? undefined);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
}

/** The chunks read so far; `add` refuses the chunk that takes the body past the limit. */
class LimitedBody {
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    if (this.size > this.limit) return false;
    this.chunks.push(chunk);
    return true;
  }

  bytes(): Buffer {
    const [only] = this.chunks;
    if (this.chunks.length === 1) return Buffer.from(only.buffer, only.byteOffset, only.byteLength);
    return Buffer.concat(this.chunks, this.size);
  }
}
