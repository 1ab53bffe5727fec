import { ApiError, publicOrigin } from "@/lib/api/http";
import { lookupApiKey } from "./api-keys";
import type { AuditActor } from "./audit";
import { clientIp } from "./client-ip";
import { hasRole, type Role } from "./roles";
import { auth } from "./server";
import { memberships, type Membership } from "./workspaces";

/** The cookie naming the workspace a signed-in user works in (they may belong to several). */
export const WORKSPACE_COOKIE = "switchboard.workspace";

export interface Access {
  /** A user, or for an API key the user who created it. */
  user: { id: string; email: string | null; name: string };
  workspaceId: string;
  role: Role;
  via: "session" | "api-key";
  actor: AuditActor;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function bearerKey(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}

function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/**
 * CSRF, on top of SameSite=Lax cookies: a cookie-authenticated request that changes something is
 * refused when the browser says it comes from another site. Browsers send Origin on every
 * cross-origin POST/PUT/PATCH/DELETE and Sec-Fetch-Site on every request; a request with neither
 * does not come from a browser page, so it cannot be forged by one.
 */
function checkOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const sameSite = origin ? origin === publicOrigin(request) : !site || site === "same-origin" || site === "none";
  if (!sameSite) throw new ApiError(403, "Cross-site request refused: send it from Switchboard's own pages or with an API key");
}

/** The membership the request works in: the workspace cookie's if the user belongs to it, else their first. */
export function activeMembership(all: Membership[], requested: string | null): Membership | null {
  return all.find((m) => m.workspaceId === requested) ?? all[0] ?? null;
}

/**
 * Who is asking (an API key in `Authorization: Bearer`, or the session cookie), in which workspace
 * and with which role. 401 without valid credentials, 403 when the role is below `minimum`.
 */
export async function requireAccess(request: Request, minimum: Role): Promise<Access> {
  const ip = clientIp(request.headers);
  const key = bearerKey(request);
  let access: Access;
  if (key) {
    const found = await lookupApiKey(key);
    if (!found) throw new ApiError(401, "Invalid or revoked API key");
    access = {
      user: { id: found.createdBy, email: null, name: `API key "${found.name}"` },
      workspaceId: found.workspaceId,
      role: found.role,
      via: "api-key",
      actor: { label: `api-key:${found.name}`, id: found.id, ip },
    };
  } else {
    const session = await auth().api.getSession({ headers: request.headers });
    if (!session) throw new ApiError(401, "Sign in or send an API key (Authorization: Bearer <key>)");
    checkOrigin(request);
    const membership = activeMembership(await memberships(session.user.id), readCookie(request, WORKSPACE_COOKIE));
    if (!membership) throw new ApiError(403, "You are not a member of any workspace; ask an owner for an invitation");
    access = {
      user: { id: session.user.id, email: session.user.email, name: session.user.name },
      workspaceId: membership.workspaceId,
      role: membership.role,
      via: "session",
      actor: { label: session.user.email, id: session.user.id, ip },
    };
  }
  if (!hasRole(access.role, minimum)) throw new ApiError(403, `This needs the ${minimum} role; you are ${access.role === "viewer" ? "a" : "an"} ${access.role} in this workspace`);
  return access;
}
