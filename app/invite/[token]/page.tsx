import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { findInvitation } from "@/lib/auth/workspaces";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

/** An invitation link: create an account that joins the workspace (or sign in to accept it). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(token);
  if (!invitation) {
    return (
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="text-xl">This invitation is not valid</CardTitle>
          <CardDescription>
            It was used already, has expired, or the link is incomplete. Ask a workspace owner for a new one, or <Link href="/sign-in" className="underline">sign in</Link>.
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }
  return (
    <Suspense>
      <AuthForm
        mode="sign-up"
        invitation={token}
        title={`Join ${invitation.workspaceName}`}
        description={`You are invited as ${invitation.role}. Create your account, or sign in below if you have one.`}
      />
    </Suspense>
  );
}
