/** Splits text into plain runs and `{{ … }}` runs (an unclosed `{{` runs to the end). */
export function templateRuns(text: string): { text: string; expression: boolean; closed: boolean }[] {
  const runs: { text: string; expression: boolean; closed: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open === -1) break;
    if (open > i) runs.push({ text: text.slice(i, open), expression: false, closed: true });
    const close = text.indexOf("}}", open + 2);
    const end = close === -1 ? text.length : close + 2;
    runs.push({ text: text.slice(open, end), expression: true, closed: close !== -1 });
    i = end;
  }
  if (i < text.length) runs.push({ text: text.slice(i), expression: false, closed: true });
  return runs;
}

/** The text with its expressions highlighted, drawn behind a transparent input (same font and padding). */
export function ExpressionHighlight({ text }: { text: string }) {
  return (
    <>
      {templateRuns(text).map((run, i) =>
        run.expression ? (
          <mark key={i} data-expression className={run.closed ? "rounded-sm bg-primary/15 text-primary" : "rounded-sm bg-destructive/15 text-destructive"}>
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
      {/* Keeps a trailing newline's height in a textarea. */}
      {"\u200b"}
    </>
  );
}
