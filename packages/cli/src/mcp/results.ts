import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { failureOf } from '../failure.js';

/** A tool's answer: text for the model, the same facts as structured content for programs. */
export function answer(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/**
 * A refusal as a tool error: the text is core's `code: message`, and `_meta["spaces/error"]`
 * holds code, class and message for programs. No structured content, which clients would check
 * against the tool's output schema.
 */
export function refusal(error: unknown): CallToolResult {
  const { code, class: klass, message } = failureOf(error);
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}` }],
    _meta: { 'spaces/error': { code, class: klass, message } },
  };
}

/** Runs a tool body, turning anything it throws into a {@link refusal}. */
export function guarded<A, E>(
  body: (args: A, extra: E) => Promise<CallToolResult>,
): (args: A, extra: E) => Promise<CallToolResult> {
  return async (args, extra) => {
    try {
      return await body(args, extra);
    } catch (error) {
      return refusal(error);
    }
  };
}
