import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <Suspense>
      <AuthForm mode="sign-up" description="The first account owns the first workspace. Later accounts get a workspace of their own, or join one with an invitation link." />
    </Suspense>
  );
}
