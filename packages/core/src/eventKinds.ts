import { reject } from './errors.js';
import { clip } from './text.js';

/** A field's expected JSON type; a trailing `?` makes it optional. */
export type FieldShape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'object'
  | 'array'
  | 'string?'
  | 'number?'
  | 'boolean?'
  | 'object?'
  | 'array?';

/**
 * Event kinds with a registered payload shape. Kinds not listed here are accepted with any JSON
 * object payload; a new version of a kind (`@2`) is a new entry, so old emitters keep working.
 */
export const EVENT_KINDS: Readonly<Record<string, Readonly<Record<string, FieldShape>>>> = {
  'task.started@1': { task: 'string', detail: 'string?' },
  'task.completed@1': { task: 'string', summary: 'string?', durationMs: 'number?' },
  'task.failed@1': { task: 'string', error: 'string' },
  'session.summary@1': {
    sessionId: 'string',
    project: 'string',
    branch: 'string?',
    tools: 'object',
    files: 'array',
    durationMs: 'number',
    turns: 'number?',
  },
};

export const EVENT_KIND_PATTERN = /^[a-z][a-z0-9_.-]{0,62}@[1-9][0-9]{0,5}$/;
/** The largest event payload, in UTF-16 code units of its JSON text. */
export const PAYLOAD_MAX = 16_384;
/**
 * The deepest nesting of arrays and objects in a payload (the payload object itself is depth 1).
 * Readers walk payloads recursively; this keeps every reader far from its stack limit.
 */
export const PAYLOAD_DEPTH_MAX = 32;

/** Parses and checks an event payload against its kind; returns the canonical JSON. */
export function checkPayload(kind: string, payload: string): string {
  if (!EVENT_KIND_PATTERN.test(kind)) {
    reject('invalid_argument', `event kind "${clip(kind)}" must look like name.verb@1`);
  }
  if (payload.length > PAYLOAD_MAX)
    reject('too_long', `event payload is over ${PAYLOAD_MAX} characters`);
  // Measured on the text, before parsing, so no parser or reader ever recurses that deep.
  const depth = nestingOf(payload);
  if (depth > PAYLOAD_DEPTH_MAX) {
    reject(
      'too_deep',
      `event payload nests ${depth} levels deep; the limit is ${PAYLOAD_DEPTH_MAX}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    reject('invalid_payload', `event payload is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject('invalid_payload', 'event payload must be a JSON object');
  }
  const shape = EVENT_KINDS[kind];
  if (shape) checkShape(kind, shape, value as Record<string, unknown>);
  return JSON.stringify(value);
}

/** The deepest nesting of `[` and `{` outside strings in a JSON text (not validated here). */
export function nestingOf(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

function checkShape(
  kind: string,
  shape: Readonly<Record<string, FieldShape>>,
  value: Record<string, unknown>,
): void {
  for (const [field, fieldShape] of Object.entries(shape)) {
    const optional = fieldShape.endsWith('?');
    const type = fieldShape.replace('?', '');
    const actual = value[field];
    if (actual === undefined || actual === null) {
      if (!optional) reject('invalid_payload', `${kind} payload needs field "${field}" (${type})`);
      continue;
    }
    const actualType = Array.isArray(actual) ? 'array' : typeof actual;
    if (actualType !== type) {
      reject(
        'invalid_payload',
        `${kind} payload field "${field}" must be ${type}, not ${actualType}`,
      );
    }
  }
}
