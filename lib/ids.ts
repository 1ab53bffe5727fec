import { monotonicFactory } from "ulid";

const ulid = monotonicFactory();

/** Sortable unique ids (ULID, lower case) with a short prefix naming the kind of record. */
export function newId(prefix: "wf" | "run" | "evt" | "job" | "erun" | "dlv" | "conn" | "test" | "key" | "ws" | "inv" | "aud"): string {
  return `${prefix}_${ulid().toLowerCase()}`;
}
