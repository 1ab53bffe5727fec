import { describe, expect, it } from "vitest";
import { activeMembership } from "@/lib/auth/access";
import { hasRole, isRole } from "@/lib/auth/roles";

describe("roles", () => {
  it("orders viewer < editor < owner", () => {
    expect(hasRole("owner", "editor")).toBe(true);
    expect(hasRole("editor", "editor")).toBe(true);
    expect(hasRole("viewer", "editor")).toBe(false);
    expect(hasRole("editor", "owner")).toBe(false);
  });

  it("knows only the three roles", () => {
    expect(isRole("viewer")).toBe(true);
    expect(isRole("admin")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});

describe("active workspace", () => {
  const all = [
    { workspaceId: "default", name: "Default", role: "owner" as const },
    { workspaceId: "ws_b", name: "B", role: "viewer" as const },
  ];

  it("uses the requested workspace only when the user belongs to it", () => {
    expect(activeMembership(all, "ws_b")?.workspaceId).toBe("ws_b");
    expect(activeMembership(all, "ws_other")?.workspaceId).toBe("default");
    expect(activeMembership(all, null)?.workspaceId).toBe("default");
    expect(activeMembership([], "default")).toBeNull();
  });
});
