import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * The SSRF guard: outbound calls to loopback, private, link-local (cloud metadata), unique-local,
 * multicast and other non-public addresses are refused before any connection is made. The check
 * runs on the addresses a host name resolves to (every one of them), and the connection is then
 * made to the checked address, so a second DNS answer cannot swap in another one.
 *
 * OUTBOUND_ALLOWLIST (comma-separated) opens specific targets: CIDRs (`127.0.0.1/32`, `10.0.0.0/8`),
 * single addresses, host names (`localhost`, `api.internal`) or `*.internal.example.com`.
 */

export class OutboundBlockedError extends Error {
  readonly code = "OUTBOUND_BLOCKED";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `Outbound call to ${host}${address !== host ? ` (${address})` : ""} refused: ${describeRange(range)} addresses are blocked. Add it to OUTBOUND_ALLOWLIST to allow it.`,
    );
    this.name = "OutboundBlockedError";
  }
}

export interface Allowlist {
  cidrs: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  hosts: string[];
  /** `*.example.com` entries, stored as `.example.com`. */
  suffixes: string[];
}

export function parseAllowlist(text: string | undefined): Allowlist {
  const list: Allowlist = { cidrs: [], hosts: [], suffixes: [] };
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    try {
      if (entry.includes("/")) list.cidrs.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const address = ipaddr.parse(entry);
        list.cidrs.push([address, address.kind() === "ipv4" ? 32 : 128]);
      } else if (entry.startsWith("*.")) list.suffixes.push(entry.slice(1));
      else list.hosts.push(entry.replace(/\.$/, ""));
    } catch {
      console.warn(`[outbound] ignoring OUTBOUND_ALLOWLIST entry "${raw.trim()}": not a CIDR, address or host name`);
    }
  }
  return list;
}

let cached: { text: string | undefined; list: Allowlist } | undefined;
/** The allowlist from the environment (re-parsed when the variable changes). */
export function currentAllowlist(): Allowlist {
  const text = process.env.OUTBOUND_ALLOWLIST;
  if (!cached || cached.text !== text) cached = { text, list: parseAllowlist(text) };
  return cached.list;
}

/** The address's range name when it is not a public unicast address, else null. */
export function blockedRange(address: string): string | null {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === "unicast" ? null : range;
}

export function isHostAllowlisted(host: string, list: Allowlist): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return list.hosts.includes(name) || list.suffixes.some((suffix) => name.endsWith(suffix));
}

export function isAddressAllowlisted(address: string, list: Allowlist): boolean {
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return list.cidrs.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

export interface ResolveOptions {
  allowlist?: Allowlist;
  lookup?: Lookup;
}

/**
 * Resolves a host and checks every address it has. Returns the address to connect to; throws
 * OutboundBlockedError when any address is not allowed. No connection is made here.
 */
export async function resolveAllowed(hostInput: string, options: ResolveOptions = {}): Promise<{ address: string; family: number }> {
  const host = hostInput.replace(/^\[|\]$/g, "");
  const list = options.allowlist ?? currentAllowlist();
  const hostAllowed = isHostAllowlisted(host, list);
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (options.lookup ?? systemLookup)(host);
  if (!addresses.length) throw new Error(`${host} did not resolve to any address`);
  if (!hostAllowed) {
    for (const { address } of addresses) {
      const range = blockedRange(address);
      if (range && !isAddressAllowlisted(address, list)) throw new OutboundBlockedError(host, address, range);
    }
  }
  return addresses[0];
}

function describeRange(range: string): string {
  const names: Record<string, string> = {
    loopback: "loopback",
    private: "private-network",
    linkLocal: "link-local (cloud metadata)",
    uniqueLocal: "unique-local",
    unspecified: "unspecified",
    multicast: "multicast",
    broadcast: "broadcast",
    carrierGradeNat: "carrier-grade NAT",
    reserved: "reserved",
  };
  return names[range] ?? `non-public (${range})`;
}
