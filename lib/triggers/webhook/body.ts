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
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength) : Buffer.concat(chunks);
}

/** readBodyLimited for a request on Node's own HTTP server (lib/triggers/webhook/node-intake.ts). */
export function readNodeBodyLimited(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", reject);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        request.pause();
        reject(new BodyTooLargeError(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", reject);
  });
}
