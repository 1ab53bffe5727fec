"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

const ORDER = ["system", "light", "dark"] as const;
const ICONS = { system: Monitor, light: Sun, dark: Moon };

export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const [mounted, setMounted] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the theme is known only in the browser: render the server's guess until mounted (next-themes' hydration pattern)
  useEffect(() => setMounted(true), []);
  const current = (mounted ? theme : "system") as (typeof ORDER)[number];
  const Icon = ICONS[current] ?? Monitor;
  const next = ORDER[(ORDER.indexOf(current) + 1) % ORDER.length];
  return (
    <Button variant="ghost" size="sm" className="w-full justify-start text-muted-foreground" onClick={() => setTheme(next)} aria-label={`Theme: ${current}. Switch to ${next}`}>
      <Icon />
      <span className="capitalize">{current} theme</span>
    </Button>
  );
}
