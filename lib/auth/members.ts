import { ApiError, notFound } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import type { Role } from "./roles";
import type { MemberView } from "./workspaces";

async function findMember(workspaceId: string, userId: string) {
  const row = await db().member.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, include: { user: { select: { email: true, name: true } } } });
  if (!row) throw notFound("Member");
  return row;
}

async function assertNotLastOwner(workspaceId: string, role: string) {
  if (role !== "owner") return;
  if ((await db().member.count({ where: { workspaceId, role: "owner" } })) <= 1) throw new ApiError(409, "A workspace keeps at least one owner; make someone else owner first");
}

export async function changeMemberRole(workspaceId: string, userId: string, role: Role): Promise<MemberView> {
  const row = await findMember(workspaceId, userId);
  if (row.role !== role) await assertNotLastOwner(workspaceId, row.role);
  await db().member.update({ where: { workspaceId_userId: { workspaceId, userId } }, data: { role } });
  return { userId, email: row.user.email, name: row.user.name, role, joinedAt: row.createdAt.toISOString() };
}

export async function removeMember(workspaceId: string, userId: string): Promise<MemberView> {
  const row = await findMember(workspaceId, userId);
  await assertNotLastOwner(workspaceId, row.role);
  await db().member.delete({ where: { workspaceId_userId: { workspaceId, userId } } });
  return { userId, email: row.user.email, name: row.user.name, role: row.role as Role, joinedAt: row.createdAt.toISOString() };
}
