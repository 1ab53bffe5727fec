import { useState } from "react";

/**
 * Keyboard navigation of a result list under a search box: the arrow keys move the highlight
 * (wrapping around), Enter picks the highlighted item. The highlight stays inside the list as it
 * shrinks while the user types.
 */
export function useListNavigation<T>(items: readonly T[], onChoose: (item: T) => void) {
  const [position, setPosition] = useState(0);
  const active = Math.min(position, Math.max(items.length - 1, 0));

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (items.length) setPosition((active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
    } else if (event.key === "Enter" && items[active] !== undefined) {
      event.preventDefault();
      onChoose(items[active]);
    }
  };

  return { active, current: items[active] as T | undefined, setActive: setPosition, onKeyDown };
}
