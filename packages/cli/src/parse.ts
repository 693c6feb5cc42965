import { CliError, usage } from './cliError.js';
import type { ClientModule } from './context.js';

const CHANNEL_TYPES: Readonly<Record<string, string>> = {
  text: 'Text',
  voice: 'Voice',
  announcement: 'Announcement',
  'agent-log': 'AgentLog',
  agentlog: 'AgentLog',
  agent_log: 'AgentLog',
};

/** `text|voice|announcement|agent-log|agentlog`, any case → the core's channel type. */
export function parseChannelType(value: string): string {
  return (
    CHANNEL_TYPES[value.toLowerCase()] ??
    fail(`channel type must be text, voice, announcement or agent-log; got "${clip(value)}"`)
  );
}

const PRESENCE: Readonly<Record<string, string>> = {
  online: 'Online',
  idle: 'Idle',
  dnd: 'DoNotDisturb',
  donotdisturb: 'DoNotDisturb',
  'do-not-disturb': 'DoNotDisturb',
  offline: 'Offline',
};

/** `online|idle|dnd|offline`, any case → the core's presence status. */
export function parsePresence(value: string): string {
  return (
    PRESENCE[value.toLowerCase()] ??
    fail(`presence must be online, idle, dnd or offline; got "${clip(value)}"`)
  );
}

/**
 * A role name, any case → the core's role. Core's ROLES come from the client the caller loaded:
 * importing them here would load the client on every start, `--help` included.
 */
export function parseRole(value: string, { ROLES }: Pick<ClientModule, 'ROLES'>): string {
  return (
    ROLES.find((r) => r.toLowerCase() === value.toLowerCase()) ??
    fail(`role must be one of admin, moderator, member, agent; got "${clip(value)}"`)
  );
}

/**
 * A positive integer id (`42`, or `#42` as people write it) as a bigint. The range (up to
 * 2^63 - 1) is the space's to check, as for any caller: it refuses more with `out_of_range`.
 */
export function parseId(what: string, value: string): bigint {
  const digits = value.startsWith('#') ? value.slice(1) : value;
  if (/^\d{41,}$/.test(digits)) {
    throw new CliError(
      'out_of_range',
      `${what} must be at most 2^63 - 1; got ${digits.length} digits`,
      'usage',
    );
  }
  if (!/^\d{1,40}$/.test(digits)) fail(`${what} must be a number; got "${clip(value)}"`);
  return BigInt(digits);
}

/** A value as quoted in an error: at most 60 characters. */
function clip(value: string): string {
  return value.length > 60 ? value.slice(0, 57) + '...' : value;
}

/** A non-negative integer option such as `--limit` or `--max-uses`. */
export function parseCount(what: string, value: string, max = 0xffffffff): number {
  if (!/^\d+$/.test(value) || Number(value) > max) {
    fail(`${what} must be a whole number from 0 to ${max}; got "${clip(value)}"`);
  }
  return Number(value);
}

const UNIT_MICROS: Readonly<Record<string, bigint>> = {
  s: 1_000_000n,
  m: 60_000_000n,
  h: 3_600_000_000n,
  d: 86_400_000_000n,
  w: 604_800_000_000n,
};

/**
 * An end time as microseconds since the epoch: a duration from now (`30s`, `10m`, `2h`, `1d`,
 * `1w`) or an ISO-8601 date-time. `nowMs` is passed in so the conversion is testable.
 */
export function parseUntil(value: string, nowMs: number = Date.now()): bigint {
  const duration = /^(\d+)\s*([smhdw])$/i.exec(value.trim());
  if (duration) {
    const unit = UNIT_MICROS[duration[2]!.toLowerCase()]!;
    return BigInt(nowMs) * 1000n + BigInt(duration[1]!) * unit;
  }
  // Date.parse accepts many non-ISO forms; require something that starts like an ISO date.
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    fail(`time must be a duration like 10m, 2h, 1d or an ISO-8601 date-time; got "${clip(value)}"`);
  }
  return BigInt(ms) * 1000n;
}

/** A JSON object given on the command line (event payloads). */
export function parseJsonObject(what: string, value: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    fail(`${what} is not valid JSON: ${clip(value)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fail(`${what} must be a JSON object`);
  }
  return value;
}

function fail(message: string): never {
  throw usage(message);
}
