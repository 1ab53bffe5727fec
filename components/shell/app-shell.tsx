"use client";

import { Cable, Gauge, History, LayoutTemplate, PanelLeftClose, PanelLeftOpen, ScrollText, Settings, Workflow } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
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

/** The workflow editor: the canvas needs the room, so the sidebar shows icons only there until expanded. */
const EDITOR_PAGE = /^\/workflows\/[^/]+$/;

/** Sidebar navigation around every page; sign-in pages stand alone. */
export function AppShell({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const editor = useCan("editor");
  const owner = useCan("owner");
  const [expandedInEditor, setExpandedInEditor] = useState(false);
  const inEditor = EDITOR_PAGE.test(pathname);
  const collapsed = inEditor && !expandedInEditor;
  if (BARE_PAGES.some((page) => pathname === page || pathname.startsWith(page))) {
    return <main className="flex min-h-dvh items-center justify-center bg-muted/30 p-6">{children}</main>;
  }
  const allowed = (role?: Role) => !role || (role === "owner" ? owner : role === "editor" ? editor : true);
  return (
    <div className="flex h-dvh overflow-hidden">
      <aside className={cn("flex shrink-0 flex-col border-r bg-card", collapsed ? "w-14" : "w-56")} data-collapsed={collapsed || undefined}>
        <Link
          href="/workflows"
          aria-label={collapsed ? "Switchboard" : undefined}
          className={cn("flex h-14 items-center gap-2 border-b font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring", collapsed ? "justify-center" : "px-4")}
        >
          <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-primary text-primary-foreground">
            <Workflow className="size-4" />
          </span>
          {!collapsed && "Switchboard"}
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-col gap-1 p-2">
          {NAV.filter((item) => allowed(item.role)).map(({ href, label, icon: Icon }) => {
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <Link
                key={href}
                href={href}
                aria-current={active ? "page" : undefined}
                title={collapsed ? label : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                  collapsed ? "justify-center px-0" : "px-3",
                  active && "bg-accent text-accent-foreground",
                )}
              >
                <Icon className="size-4 shrink-0" />
                <span className={collapsed ? "sr-only" : undefined}>{label}</span>
              </Link>
            );
          })}
        </nav>
        <div className="flex flex-col gap-1 border-t p-2">
          {!collapsed && (
            <>
              <AccountMenu />
              <ThemeToggle />
            </>
          )}
          {inEditor && (
            <button
              type="button"
              onClick={() => setExpandedInEditor(collapsed)}
              aria-label={collapsed ? "Expand sidebar" : "Collapse sidebar"}
              title={collapsed ? "Expand sidebar" : "Collapse sidebar"}
              className="flex items-center justify-center gap-2 rounded-md py-2 text-sm text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            >
              {collapsed ? <PanelLeftOpen className="size-4" /> : <PanelLeftClose className="size-4" />}
              {!collapsed && "Collapse"}
            </button>
          )}
        </div>
      </aside>
      <main className="min-w-0 flex-1 overflow-y-auto">{children}</main>
    </div>
  );
}
