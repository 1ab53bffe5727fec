import type { Metadata } from "next";
import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/providers";
import { presentMe } from "@/lib/auth/me";
import { pageAccess } from "@/lib/auth/page-access";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  description: "Visual workflow automation with durable, inspectable runs.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const signedIn = await pageAccess();
  const me = signedIn && (await presentMe(signedIn.access));
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Providers me={me}>
          <AppShell>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
