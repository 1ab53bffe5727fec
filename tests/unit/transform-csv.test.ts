import { describe, expect, it } from "vitest";
import { NodeError } from "@/lib/nodes/errors";
import { issuesOf, outputOf } from "../support/transforms";

const toJson = (data: unknown, config: Record<string, unknown> = {}) => outputOf("transform.csv", { direction: "csv-to-json", ...config }, data);
const toCsv = (data: unknown, config: Record<string, unknown> = {}) => outputOf("transform.csv", { direction: "json-to-csv", ...config }, data);

describe("transform.csv", () => {
  it("reads CSV with a header row into objects, with RFC 4180 quoting", async () => {
    const csv = '\uFEFFid,name,note\r\n1,"Smith, Ada","said ""hi""\nthen left"\r\n2,Bob,\r\n\r\n';
    expect(await toJson(csv)).toEqual([
      { id: "1", name: "Smith, Ada", note: 'said "hi"\nthen left' },
      { id: "2", name: "Bob", note: "" },
    ]);
  });

  it("converts numbers and booleans on request, and reads other separators", async () => {
    expect(await toJson("sku;qty;ok\nA;2;true\nB;1.5;false", { delimiter: "semicolon", parseValues: true })).toEqual([
      { sku: "A", qty: 2, ok: true },
      { sku: "B", qty: 1.5, ok: false },
    ]);
    expect(await toJson("a\tb\n1\t2", { delimiter: "tab" })).toEqual([{ a: "1", b: "2" }]);
  });

  it("without a header gives lists of cells, or objects named by the columns given", async () => {
    expect(await toJson("1,2\n3,4", { header: false })).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(await toJson("1,2,9\n3", { header: false, columns: ["x", "y"] })).toEqual([
      { x: "1", y: "2", column3: "9" },
      { x: "3", y: null },
    ]);
  });

  it("reports broken quoting without retrying, and asks for text", async () => {
    const error = await toJson('a,b\n"1,2\n').catch((e) => e);
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).retriable).toBe(false);
    expect((error as Error).message).toMatch(/^Not valid CSV: /);
    await expect(toJson([1])).rejects.toThrow("CSV to JSON needs CSV text, but the data is a list");
  });

  it("writes objects as CSV with every field as a column, quoting where needed", async () => {
    const rows = [
      { id: 1, name: "Smith, Ada", tags: ["a", "b"] },
      { id: 2, note: 'say "hi"', name: null },
    ];
    expect(await toCsv(rows)).toBe('id,name,tags,note\r\n1,"Smith, Ada","[""a"",""b""]",\r\n2,,,"say ""hi"""');
  });

  it("writes chosen columns in order, with or without a header, with another separator", async () => {
    const rows = [{ a: 1, b: 2, c: 3 }];
    expect(await toCsv(rows, { columns: ["c", "a"] })).toBe("c,a\r\n3,1");
    expect(await toCsv(rows, { columns: ["c", "a"], header: false, delimiter: "pipe" })).toBe("3|1");
    expect(await toCsv([[1, 2], [3, 4]], { header: false })).toBe("1,2\r\n3,4");
  });

  it("refuses rows that are neither objects nor lists", async () => {
    await expect(toCsv([1, 2])).rejects.toThrow("Each row must be an object (columns by name) or a list of values");
  });

  it("round-trips", async () => {
    const rows = [
      { sku: "A,1", qty: "2" },
      { sku: 'B"2', qty: "10" },
    ];
    expect(await toJson(await toCsv(rows))).toEqual(rows);
  });

  it("offers named separators only", () => {
    expect(issuesOf("transform.csv", { delimiter: ";" })[0]).toMatch(/^delimiter: /);
  });
});
