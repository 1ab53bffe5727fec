import { headers } from "next/headers";
import { ApiError } from "@/lib/api/http";
import { requireAccess, type Access } from "./access";

/**
 * For a server-rendered page: who is signed in (the same check as an API route, from the page
 * request's cookies), with that request for helpers that read its origin; null when nobody is.
 * Pages use it to send their first data with the HTML instead of a fetch after hydration.
 */
export async function pageAccess(): Promise<{ access: Access; request: Request } | null> {
  const incoming = await headers();
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost";
  const proto = incoming.get("x-forwarded-proto")?.split(",")[0].trim() ?? "http";
  const request = new Request(`${proto}://${host}/`, { headers: incoming });
  try {
    return { access: await requireAccess(request, "viewer"), request };
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}
