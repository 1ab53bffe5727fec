import { requireAccess, type Access } from "@/lib/auth/access";
import type { Role } from "@/lib/auth/roles";
import { route } from "./http";

type SecuredHandler<C> = (request: Request, context: C, access: Access) => Promise<Response>;

/**
 * A route that needs credentials: states its minimum role in one line, gets who is asking and in
 * which workspace. 401 without credentials, 403 below the role (tests/integration/route-inventory).
 */
export function secured<C>(minimum: Role, handler: SecuredHandler<C>) {
  return route<C>(async (request, context) => handler(request, context, await requireAccess(request, minimum)));
}
