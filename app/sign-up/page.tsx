import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ first?: string }> }) {
  const first = (await searchParams).first === "1";
  return (
    <Suspense>
      <AuthForm
        mode="sign-up"
        title={first ? "Welcome to Switchboard" : undefined}
        description={
          first
            ? "Create the owner account of this installation: it owns the first workspace and can invite the rest of your team."
            : "The first account owns the first workspace. Later accounts get a workspace of their own, or join one with an invitation link."
        }
      />
    </Suspense>
  );
}
