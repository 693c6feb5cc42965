import type { PresenceStatus, UserKind } from '../enums.js';
import { PRESENCE_STATUSES, USER_KINDS } from '../enums.js';
import { reject } from '../errors.js';
import { shortIdentity } from '../identity.js';
import { reducer } from '../reducer.js';
import type { User } from '../schema/tables.js';
import type { ReducerContext, Tx } from '../tx.js';
import { checkUserName } from '../names.js';
import { checkText } from '../text.js';
import { requireUser } from './guards.js';

export { NAME_MAX } from '../names.js';
/** The longest display name. */
export const DISPLAY_NAME_MAX = 64;
/** The longest agent program or model. */
export const AGENT_FIELD_MAX = 64;
/** The longest agent task. */
export const TASK_MAX = 500;
/** The longest presence status text. */
export const STATUS_TEXT_MAX = 128;

/** Creates the user, role and presence rows of a newcomer, once. */
export function ensureUser(
  tx: Tx,
  ctx: ReducerContext,
  profile: Partial<Pick<User, 'name' | 'displayName' | 'kind'>> = {},
): User {
  const existing = tx.users.find(ctx.sender);
  if (existing) return existing;
  const name = profile.name ?? `user-${shortIdentity(ctx.sender)}`;
  const user = tx.users.insert({
    identity: ctx.sender,
    name,
    displayName: profile.displayName ?? name,
    kind: profile.kind ?? 'human',
    program: undefined,
    model: undefined,
    task: undefined,
    createdAt: ctx.timestamp,
    updatedAt: ctx.timestamp,
  });
  if (!tx.roles.find(ctx.sender)) {
    tx.roles.insert({
      identity: ctx.sender,
      role: user.kind === 'agent' ? 'Agent' : 'Member',
      banned: false,
      banReason: undefined,
      bannedUntil: undefined,
      timeoutUntil: undefined,
      updatedBy: ctx.sender,
      updatedAt: ctx.timestamp,
    });
  }
  if (!tx.presence.find(ctx.sender)) {
    tx.presence.insert({
      identity: ctx.sender,
      status: 'Offline',
      statusText: '',
      connections: 0,
      lastSeen: ctx.timestamp,
      updatedAt: ctx.timestamp,
    });
  }
  return user;
}

/** Registers or updates the caller's profile: a unique name, and for agents what they run. */
export const set_profile = reducer({
  name: 'set_profile',
  doc: 'Set your name (unique ignoring case, at most 32 ASCII letters, digits, _ . -), display name, and whether you are an agent.',
  args: {
    name: { type: 'string' },
    displayName: { type: 'string', optional: true },
    kind: { type: 'string', optional: true },
    program: { type: 'string', optional: true },
    model: { type: 'string', optional: true },
    task: { type: 'string', optional: true },
  },
  run(tx, ctx, args) {
    // Stored folded (`Alice` becomes `alice`), so the unique index keeps names unique ignoring
    // case; the display name keeps the case as typed.
    const name = checkUserName(args.name);
    const kind = (args.kind ?? tx.users.find(ctx.sender)?.kind ?? 'human') as UserKind;
    if (!USER_KINDS.includes(kind))
      reject('invalid_argument', `kind must be human or agent; got "${kind}"`);
    if (kind === 'human' && (args.program ?? args.model ?? args.task) !== undefined) {
      reject('invalid_argument', 'program, model and task describe agents: set kind to agent');
    }
    const line = { line: true };
    const displayName = checkText(
      'display name',
      args.displayName ?? args.name,
      DISPLAY_NAME_MAX,
      line,
    );
    const program =
      args.program === undefined
        ? undefined
        : checkText('program', args.program, AGENT_FIELD_MAX, line);
    const model =
      args.model === undefined ? undefined : checkText('model', args.model, AGENT_FIELD_MAX, line);
    const task = args.task === undefined ? undefined : checkText('task', args.task, TASK_MAX);
    const holder = tx.users.findBy('name', name);
    if (holder && holder.identity !== ctx.sender)
      reject('name_taken', `the name "${name}" is taken`);
    const user = ensureUser(tx, ctx, { name, displayName, kind });
    // A newcomer who says it is an agent starts as an Agent. On SpacetimeDB every identity is
    // registered, as a human Member, when its socket first opens, before it can say so: saying
    // it then makes it the Agent it would have been. Only a Member changes, and only on the
    // change of kind, so an agent that someone promoted keeps its rank when it registers again.
    const role = tx.roles.find(ctx.sender);
    if (user.kind === 'human' && kind === 'agent' && role?.role === 'Member') {
      tx.roles.update({ ...role, role: 'Agent', updatedBy: ctx.sender, updatedAt: ctx.timestamp });
    }
    const agentOnly = kind === 'agent' ? { program, model, task } : {};
    tx.users.update({
      ...user,
      name,
      displayName,
      kind,
      program: user.program,
      model: user.model,
      task: user.task,
      ...agentOnly,
      updatedAt: ctx.timestamp,
    });
  },
});

/** Sets the caller's presence and status text. */
export const set_presence = reducer({
  name: 'set_presence',
  doc: 'Set your presence (Online, Idle, DoNotDisturb, Offline) and an optional status text.',
  args: { status: { type: 'string' }, statusText: { type: 'string', optional: true } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const status = args.status as PresenceStatus;
    if (!PRESENCE_STATUSES.includes(status)) {
      reject(
        'invalid_argument',
        `status must be one of ${PRESENCE_STATUSES.join(', ')}; got "${status}"`,
      );
    }
    const statusText = checkText('status text', args.statusText ?? '', STATUS_TEXT_MAX, {
      allowEmpty: true,
      line: true,
    });
    const row = tx.presence.find(ctx.sender);
    const next = { status, statusText, lastSeen: ctx.timestamp, updatedAt: ctx.timestamp };
    if (row) tx.presence.update({ ...row, ...next });
    else tx.presence.insert({ identity: ctx.sender, connections: 0, ...next });
  },
});
