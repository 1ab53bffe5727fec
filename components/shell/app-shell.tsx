"use client";

import { Cable, Gauge, History, LayoutTemplate, ScrollText, Settings, Workflow } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/auth/roles";
import { useCan } from "@/lib/client/access";
import { cn } from "@/lib/utils";
import { AccountMenu } from "./account-menu";
import { ThemeToggle } from "./theme-toggle";

const NAV: { href: string; label: string; icon: typeof Gauge; role?: Role }[] = [
  { href: "/dashboard", label: "Dashboard", icon: Gauge },
  { href: "/workflows", label: "Workflows", icon: Workflow },
  { href: "/runs", label: "Runs", icon: History },
  { href: "/templates", label: "Templates", icon: LayoutTemplate, role: "editor" },
  { href: "/connections", label: "Connections", icon: Cable, role: "editor" },
  { href: "/settings", label: "Settings", icon: Settings },
  { href: "/audit", label: "Audit log", icon: ScrollText, role: "owner" },
];

/** Pages shown without the sidebar: signing in or up and invitation links. */
const BARE_PAGES = ["/sign-in", "/sign-up", "/invite/"];

/** Sidebar navigation around every page (the editor uses the full width next to it); sign-in pages stand alone. */
export function AppShell({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const editor = useCan("editor");
  const owner = useCan("owner");
  if (BARE_PAGES.some((page) => pathname === page || pathname.startsWith(page))) {
    return <main className="flex min-h-dvh items-center justify-center bg-muted/30 p-6">{children}</main>;
  }
  const allowed = (role?: Role) => !role || (role === "owner" ? owner : role === "editor" ? editor : true);
  return (
    <div className="flex h-dvh overflow-hidden">
      <aside className="flex w-56 shrink-0 flex-col border-r bg-card">
        <Link href="/workflows" className="flex h-14 items-center gap-2 border-b px-4 font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <span className="flex size-7 items-center justify-center rounded-md bg-primary text-primary-foreground">
            <Workflow className="size-4" />
          </span>
          Switchboard
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-col gap-1 p-2">
          {NAV.filter((item) => allowed(item.role)).map(({ href, label, icon: Icon }) => {
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <Link
                key={href}
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  active && "bg-accent text-accent-foreground",
                )}
              >
                <Icon className="size-4" />
                {label}
              </Link>
            );
          })}
        </nav>
        <div className="flex flex-col gap-1 border-t p-2">
          <AccountMenu />
          <ThemeToggle />
        </div>
      </aside>
      <main className="min-w-0 flex-1 overflow-y-auto">{children}</main>
    </div>
  );
}
