"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ROLES, type Role } from "@/lib/auth/roles";

const DESCRIPTIONS: Record<Role, string> = {
  viewer: "Viewer: sees workflows and runs",
  editor: "Editor: changes workflows, connections and runs",
  owner: "Owner: everything, members and settings",
};

export function RoleSelect({ value, onChange, label, disabled }: { value: Role; onChange: (role: Role) => void; label: string; disabled?: boolean }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as Role)} disabled={disabled}>
      <SelectTrigger aria-label={label} className="w-32">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {ROLES.map((role) => (
          <SelectItem key={role} value={role} title={DESCRIPTIONS[role]}>
            {role}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
