import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { Role } from "./roles";

/** The first workspace: the first account owns it, and rows from before accounts existed belong to it. */
export const DEFAULT_WORKSPACE_ID = "default";
const INVITATION_DAYS = 7;

export interface Membership {
  workspaceId: string;
  name: string;
  role: Role;
}

export async function memberships(userId: string): Promise<Membership[]> {
  const rows = await db().member.findMany({ where: { userId }, include: { workspace: { select: { name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ workspaceId: row.workspaceId, name: row.workspace.name, role: row.role as Role }));
}

/**
 * Gives a new account its first workspace: the first account ever owns the default workspace,
 * an invited one joins the inviting workspace, anyone else owns a new workspace of their own.
 */
export async function placeNewUser(user: { id: string; name: string; email: string }, invitationToken?: string | null): Promise<Membership> {
  if (invitationToken) {
    const joined = await acceptInvitation(invitationToken, user.id);
    if (joined) return joined;
  }
  if ((await db().member.count()) === 0) {
    await db().workspace.upsert({ where: { id: DEFAULT_WORKSPACE_ID }, create: { id: DEFAULT_WORKSPACE_ID, name: "Default workspace" }, update: {} });
    await db().member.create({ data: { workspaceId: DEFAULT_WORKSPACE_ID, userId: user.id, role: "owner" } });
    return { workspaceId: DEFAULT_WORKSPACE_ID, name: "Default workspace", role: "owner" };
  }
  return createWorkspace(`${user.name || user.email}'s workspace`, user.id);
}

/** A new workspace with the user as its owner. */
export async function createWorkspace(name: string, ownerId: string): Promise<Membership> {
  const workspace = await db().workspace.create({ data: { id: newId("ws"), name, members: { create: { userId: ownerId, role: "owner" } } } });
  return { workspaceId: workspace.id, name, role: "owner" };
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A link token for joining the workspace with the role; only its hash is stored. */
export async function createInvitation(workspaceId: string, role: Role, createdBy: string): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const row = await db().invitation.create({ data: { id: newId("inv"), workspaceId, role, tokenHash: hashToken(token), createdBy, expiresAt } });
  return { id: row.id, token, expiresAt: expiresAt.toISOString() };
}

/** An open invitation's workspace and role, or null if the token is unknown, used or expired. */
export async function findInvitation(token: string): Promise<{ id: string; workspaceId: string; workspaceName: string; role: Role } | null> {
  if (!token || token.length > 100) return null;
  const row = await db().invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { workspace: { select: { name: true } } } });
  if (!row || row.acceptedAt || row.expiresAt.getTime() < Date.now()) return null;
  return { id: row.id, workspaceId: row.workspaceId, workspaceName: row.workspace.name, role: row.role as Role };
}

/** Makes the user a member with the invitation's role (once); null if the invitation is not open. */
export async function acceptInvitation(token: string, userId: string): Promise<Membership | null> {
  const invitation = await findInvitation(token);
  if (!invitation) return null;
  const { count } = await db().invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: new Date(), acceptedBy: userId } });
  if (!count) return null;
  await db().member.upsert({
    where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } },
    create: { workspaceId: invitation.workspaceId, userId, role: invitation.role },
    update: {},
  });
  const role = (await db().member.findUnique({ where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } } }))!.role as Role;
  return { workspaceId: invitation.workspaceId, name: invitation.workspaceName, role };
}

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export async function listMembers(workspaceId: string): Promise<MemberView[]> {
  const rows = await db().member.findMany({ where: { workspaceId }, include: { user: { select: { email: true, name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ userId: row.userId, email: row.user.email, name: row.user.name, role: row.role as Role, joinedAt: row.createdAt.toISOString() }));
}

const SIGNUPS_KEY = "signupsOpen";

/** Whether anyone may create an account (otherwise only with an invitation link). Open until an owner closes it. */
export async function signupsOpen(): Promise<boolean> {
  const row = await db().instanceSetting.findUnique({ where: { key: SIGNUPS_KEY } });
  return row ? row.value === true : true;
}

export async function setSignupsOpen(open: boolean): Promise<void> {
  await db().instanceSetting.upsert({ where: { key: SIGNUPS_KEY }, create: { key: SIGNUPS_KEY, value: open }, update: { value: open } });
}
