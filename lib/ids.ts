import { randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";

const pool = { bytes: Buffer.alloc(0), next: 0 };

/**
 * ULID's random characters from a pool of cryptographically random bytes: by default ulid asks
 * crypto for one byte per character, sixteen calls per id, which showed in webhook intake
 * profiles. A byte / 256 is uniform over the 32 characters (256 is a multiple of 32).
 */
function pooledRandom(): number {
  if (pool.next >= pool.bytes.length) {
    pool.bytes = randomBytes(4096);
    pool.next = 0;
  }
  return pool.bytes[pool.next++] / 256;
}

const ulid = monotonicFactory(pooledRandom);

/** Sortable unique ids (ULID, lower case) with a short prefix naming the kind of record. */
export function newId(prefix: "wf" | "run" | "evt" | "job" | "erun" | "dlv" | "conn" | "test" | "key" | "ws" | "inv" | "aud" | "anom" | "api"): string {
  return `${prefix}_${ulid().toLowerCase()}`;
}
