import type { ConfigPath } from "./expressions";
import { isWidgetPath } from "./widget-paths";

/**
 * Config fields marked `.meta({ widget: "code" })` hold program text (the `transform.code`
 * node's JavaScript). They are kept verbatim: `{{ }}` in them is not an expression (data reaches
 * the code as arguments, never spliced into its text).
 */
export function isCodePath(type: string, path: ConfigPath): boolean {
  return isWidgetPath(type, "code", path);
}
