import { describe, expect, it } from "vitest";
import { NodeError } from "@/lib/nodes/errors";
import { issuesOf, outputOf } from "../support/transforms";

const date = (config: Record<string, unknown>, input: unknown = null) => outputOf("transform.datetime", config, input);

describe("transform.datetime", () => {
  it("reads and writes ISO 8601 by default, in UTC", async () => {
    expect(await date({ value: "2024-05-01T09:30:00+02:00" })).toBe("2024-05-01T07:30:00.000Z");
    expect(await date({ value: "{{ input.createdAt }}" }, { createdAt: "2024-05-01" })).toBe("2024-05-01T00:00:00.000Z");
  });

  it("also reads RFC 2822, HTTP and SQL dates and epoch milliseconds", async () => {
    expect(await date({ value: "Wed, 01 May 2024 09:30:00 +0000" })).toBe("2024-05-01T09:30:00.000Z");
    expect(await date({ value: "2024-05-01 09:30:00" })).toBe("2024-05-01T09:30:00.000Z");
    expect(await date({ value: "{{ 1714555800000 }}" })).toBe("2024-05-01T09:30:00.000Z");
    expect(await date({ value: "1714555800000" })).toBe("2024-05-01T09:30:00.000Z");
  });

  it("reads a given format in the node's time zone and writes the output there", async () => {
    expect(await date({ value: "01/05/2024 09:30", inputFormat: "dd/MM/yyyy HH:mm", timeZone: "Europe/Paris" })).toBe("2024-05-01T09:30:00.000+02:00");
    expect(await date({ value: "1714555800", inputFormat: "X" })).toBe("2024-05-01T09:30:00.000Z");
  });

  it("formats with tokens, in a language, and as epoch numbers", async () => {
    const value = "2024-05-01T09:30:00Z";
    expect(await date({ value, outputFormat: "yyyy-MM-dd" })).toBe("2024-05-01");
    expect(await date({ value, outputFormat: "EEEE d LLLL yyyy, HH:mm", timeZone: "America/New_York" })).toBe("Wednesday 1 May 2024, 05:30");
    expect(await date({ value, outputFormat: "EEEE d LLLL", locale: "fr-FR" })).toBe("mercredi 1 mai");
    expect(await date({ value, outputFormat: "x" })).toBe(1714555800000);
    expect(await date({ value, outputFormat: "X" })).toBe(1714555800);
  });

  it("shifts by friendly or ISO 8601 durations, calendar-aware", async () => {
    const value = "2024-01-31T10:00:00Z";
    expect(await date({ value, shift: "+1 day" })).toBe("2024-02-01T10:00:00.000Z");
    expect(await date({ value, shift: "-2h30m" })).toBe("2024-01-31T07:30:00.000Z");
    expect(await date({ value, shift: "1 month" })).toBe("2024-02-29T10:00:00.000Z");
    expect(await date({ value, shift: "P1Y2M" })).toBe("2025-03-31T10:00:00.000Z");
    expect(await date({ value, shift: "-PT90M" })).toBe("2024-01-31T08:30:00.000Z");
    expect(await date({ value, shift: "1w 2d -3h" })).toBe("2024-02-09T07:00:00.000Z");
    expect(await date({ value, shift: "{{ input.days }}d" }, { days: 3 })).toBe("2024-02-03T10:00:00.000Z");
  });

  it("keeps the wall-clock time across a daylight saving change in the node's time zone", async () => {
    expect(await date({ value: "2024-03-30T12:00:00", shift: "+1 day", timeZone: "Europe/Paris" })).toBe("2024-03-31T12:00:00.000+02:00");
  });

  it("explains what it could not read, without retrying", async () => {
    const error = await date({ value: "next tuesday" }).catch((e) => e);
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).retriable).toBe(false);
    expect((error as Error).message).toMatch(/^Could not read "next tuesday" as a date \(expected ISO 8601/);
    await expect(date({ value: "2024-05-01", inputFormat: "dd/MM/yyyy" })).rejects.toThrow(/in the format "dd\/MM\/yyyy"/);
    await expect(date({ value: "2024-05-01", shift: "+1 fortnight" })).rejects.toThrow('"fortnight" in "+1 fortnight" is not a unit');
    await expect(date({ value: "{{ input.missing }}" }, {})).rejects.toThrow(/the value is empty/);
  });

  it("checks the time zone when saved", () => {
    expect(issuesOf("transform.datetime", { value: "x", timeZone: "Mars/Olympus" })).toEqual(["timeZone: Use an IANA time zone such as Europe/Paris or America/New_York"]);
    expect(issuesOf("transform.datetime", { value: "x", timeZone: "UTC+2" })).toEqual([]);
    expect(issuesOf("transform.datetime", { value: "x", timeZone: "{{ trigger.tz }}" })).toEqual([]);
    expect(issuesOf("transform.datetime", { timeZone: "UTC" })).toEqual(["value: Enter a date or an expression"]);
  });
});
