/** Event name patterns: `*` stands for any run of characters (dots included), so `order.*` matches `order.paid` and `order.item.added`. */
export const EVENT_PATTERN = /^[^\s]+$/;

export function eventPatternMatches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const regex = new RegExp(`^${pattern.split("*").map(escape).join(".*")}$`);
  return regex.test(name);
}

function escape(text: string) {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}
