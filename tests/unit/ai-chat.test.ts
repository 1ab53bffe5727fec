import { describe, expect, it } from "vitest";
import { chatRequest, chatUrl, readChatAnswer } from "@/lib/ai/chat";

describe("chat API shapes", () => {
  it("addresses chat completions and Anthropic messages under the base URL", () => {
    expect(chatUrl("https://api.openai.com/v1/", "openai").href).toBe("https://api.openai.com/v1/chat/completions");
    expect(chatUrl("https://x.openai.azure.com/openai/v1", "azure").href).toBe("https://x.openai.azure.com/openai/v1/chat/completions");
    expect(chatUrl("https://api.anthropic.com/v1", "anthropic").href).toBe("https://api.anthropic.com/v1/messages");
  });

  it("wraps a schema that is not an object for Anthropic's tool input, and unwraps the answer", () => {
    const schema = { type: "array", items: { type: "string" } };
    const { body } = chatRequest({ api: "anthropic", model: "m", messages: [{ role: "user", content: "list" }], maxTokens: 10, schema });
    expect(body.tools).toEqual([{ name: "answer", description: "Give the answer as structured data.", input_schema: { type: "object", properties: { value: schema }, required: ["value"] } }]);
    const answer = readChatAnswer({ api: "anthropic", schema }, { model: "m", content: [{ type: "tool_use", name: "answer", input: { value: ["a", "b"] } }], usage: { input_tokens: 1, output_tokens: 2 } });
    expect(answer).toMatchObject({ structured: ["a", "b"], text: '["a","b"]', inputTokens: 1, outputTokens: 2 });
  });

  it("reads JSON from a fenced answer, and leaves prose unparsed", () => {
    const completion = (content: string) => ({ model: "m", choices: [{ message: { content }, finish_reason: "stop" }] });
    expect(readChatAnswer({ api: "openai", schema: {} }, completion('```json\n{"a":1}\n```')).structured).toEqual({ a: 1 });
    expect(readChatAnswer({ api: "openai", schema: {} }, completion("Sure! Here it is")).structured).toBeUndefined();
    expect(readChatAnswer({ api: "openai" }, completion('{"a":1}')).structured).toBeUndefined();
  });

  it("says what is wrong with an answer that is not the documented shape", () => {
    expect(() => readChatAnswer({ api: "openai" }, { choices: [] })).toThrow("no choices[0].message");
    expect(() => readChatAnswer({ api: "openai" }, { choices: [{ message: { content: null, refusal: "I cannot help" } }] })).toThrow("The model refused: I cannot help");
    expect(() => readChatAnswer({ api: "anthropic" }, { type: "error" })).toThrow("no content list");
    expect(() => readChatAnswer({ api: "anthropic" }, "text")).toThrow("not a JSON object");
  });
});
