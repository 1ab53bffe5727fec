import { db } from "@/lib/db/client";
import { createApiKey } from "./api-keys";
import { audit } from "./audit";
import { hasRole, isRole, ROLES } from "./roles";
import { auth } from "./server";
import { memberships, type Membership } from "./workspaces";

/** `npm run cli -- create-user`: an account with a hashed password, placed like a sign-up (without the invite-only check). */
export async function createUser(input: { email: string; password: string; name?: string }): Promise<Membership & { email: string }> {
  const email = input.email.trim().toLowerCase();
  if (await db().user.findUnique({ where: { email } })) throw new Error(`An account for ${email} exists already`);
  const result = await auth().api.signUpEmail({ body: { email, password: input.password, name: input.name ?? email.split("@")[0] } });
  const [membership] = await memberships(result.user.id);
  return { ...membership, email };
}

/** `npm run cli -- create-api-key`: a key in one of the user's workspaces, with their role or a lower one. */
export async function createUserApiKey(input: { email: string; name: string; role?: string; workspaceId?: string }): Promise<string> {
  const user = await db().user.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  if (!user) throw new Error(`No account for ${input.email}`);
  const all = await memberships(user.id);
  const membership = input.workspaceId ? all.find((m) => m.workspaceId === input.workspaceId) : all[0];
  if (!membership) throw new Error(input.workspaceId ? `${input.email} is not a member of workspace ${input.workspaceId}` : `${input.email} belongs to no workspace`);
  const role = input.role ?? membership.role;
  if (!isRole(role)) throw new Error(`--role must be one of: ${ROLES.join(", ")}`);
  if (!hasRole(membership.role, role)) throw new Error(`${input.email} is ${membership.role} in that workspace and cannot create ${role} keys`);
  const name = input.name.trim();
  if (!name || name.length > 100) throw new Error("--name must have 1 to 100 characters");
  const created = await createApiKey({ workspaceId: membership.workspaceId, name, role, createdBy: user.id });
  await audit(membership.workspaceId, { label: `${user.email} (cli)`, id: user.id, ip: null }, "api-key.create", created.id, { name, role });
  return created.key;
}
