/**
 * The subset of Inngest's CEL conditions the SDK generates and Switchboard uses: paths into
 * `event` and `async`, string/number/boolean/null literals, `==`, `!=`, `&&`, `||`, `!` and
 * parentheses. Used for cancelOn `if`, waitForEvent `if` and trigger `expression`.
 */
type Token = { kind: "path" | "literal" | "op" | "paren"; value: unknown };

export type ConditionScope = Record<string, unknown>;

export function evaluateCondition(source: string, scope: ConditionScope): boolean {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => tokens[pos++];

  const primary = (): unknown => {
    const token = take();
    if (!token) throw new Error(`Unexpected end of condition: ${source}`);
    if (token.kind === "paren" && token.value === "(") {
      const value = or();
      if (take()?.value !== ")") throw new Error(`Missing ) in condition: ${source}`);
      return value;
    }
    if (token.kind === "op" && token.value === "!") return !truthy(primary());
    if (token.kind === "literal") return token.value;
    if (token.kind === "path") return lookup(scope, token.value as string);
    throw new Error(`Unexpected "${String(token.value)}" in condition: ${source}`);
  };
  const comparison = (): unknown => {
    const left = primary();
    const op = peek();
    if (op?.kind === "op" && (op.value === "==" || op.value === "!=")) {
      take();
      const right = primary();
      const equal = JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
      return op.value === "==" ? equal : !equal;
    }
    return left;
  };
  const and = (): unknown => {
    let value = comparison();
    while (peek()?.value === "&&") {
      take();
      const right = comparison();
      value = truthy(value) && truthy(right);
    }
    return value;
  };
  const or = (): unknown => {
    let value = and();
    while (peek()?.value === "||") {
      take();
      const right = and();
      value = truthy(value) || truthy(right);
    }
    return value;
  };

  const result = or();
  if (pos !== tokens.length) throw new Error(`Unexpected "${String(tokens[pos].value)}" in condition: ${source}`);
  return truthy(result);
}

/** Throws the parse error of a condition the engine could not evaluate, without evaluating it against real data. */
export function checkCondition(source: string): void {
  evaluateCondition(source, {});
}

function truthy(value: unknown): boolean {
  return value !== false && value !== null && value !== undefined && value !== 0 && value !== "";
}

function lookup(scope: ConditionScope, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** String escapes as JSON.stringify and CEL write them. */
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ kind: "paren", value: c });
      i++;
    } else if (source.startsWith("==", i) || source.startsWith("!=", i) || source.startsWith("&&", i) || source.startsWith("||", i)) {
      tokens.push({ kind: "op", value: source.slice(i, i + 2) });
      i += 2;
    } else if (c === "!") {
      tokens.push({ kind: "op", value: "!" });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== c) {
        if (source[j] !== "\\") {
          text += source[j++];
          continue;
        }
        const escape = source[j + 1];
        if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(j + 2, j + 6))) {
          text += String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16));
          j += 6;
        } else {
          text += ESCAPES[escape] ?? escape ?? "";
          j += 2;
        }
      }
      if (j >= source.length) throw new Error(`Unterminated string in condition: ${source}`);
      tokens.push({ kind: "literal", value: text });
      i = j + 1;
    } else {
      const match = /^(-?\d+(?:\.\d+)?)|^([A-Za-z_][\w]*(?:\.[\w]+)*)/.exec(source.slice(i));
      if (!match) throw new Error(`Unexpected "${c}" in condition: ${source}`);
      if (match[1] !== undefined) tokens.push({ kind: "literal", value: Number(match[1]) });
      else if (match[2] === "true" || match[2] === "false") tokens.push({ kind: "literal", value: match[2] === "true" });
      else if (match[2] === "null") tokens.push({ kind: "literal", value: null });
      else tokens.push({ kind: "path", value: match[2] });
      i += match[0].length;
    }
  }
  return tokens;
}
