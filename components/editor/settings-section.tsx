import { useId } from "react";

/** A titled group of settings in the inspector's Settings tab, set apart from the one above it. */
export function SettingsSection({ title, description, children }: { title: string; description?: React.ReactNode; children: React.ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-4 border-t pt-5 first:border-t-0 first:pt-0">
      <div className="space-y-1">
        <h3 id={id} className="text-sm font-semibold">
          {title}
        </h3>
        {description && <p className="text-xs text-muted-foreground">{description}</p>}
      </div>
      {children}
    </section>
  );
}
