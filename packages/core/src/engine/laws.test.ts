import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../enums.js';
import { rankOf } from '../enums.js';
import {
  LAWS,
  PEOPLE,
  TestHub,
  callsArb,
  invariants,
  memoryEngine,
  stepViolations,
} from '../testing/index.js';
import type { Person } from '../testing/index.js';
import type { MemoryState } from './memory.js';
import { applyCall, emptyState, replay, rowsOf } from './memory.js';

// Seeds: fast-check prints `seed` and `path` on failure; FC_SEED / FC_PATH pin them (vitest.setup.ts).
describe('laws over random call sequences (memory engine)', () => {
  for (const [title, law] of Object.entries(LAWS)) {
    it(title, () => {
      fc.assert(
        fc.property(callsArb(), (calls) => {
          expect(law(memoryEngine, calls)).toBeUndefined();
        }),
        { numRuns: 60 },
      );
    });
  }

  it('a refused call returns the very same state object, and no call breaks a per-call rule', () => {
    fc.assert(
      fc.property(callsArb(), (calls) => {
        let state: MemoryState = emptyState();
        for (const call of calls) {
          const rowsBefore = rowsOf(state, 'messages');
          const result = applyCall(state, call);
          expect(stepViolations(state, call, result)).toEqual([]);
          if (!result.ok) {
            expect(result.state).toBe(state);
            expect(rowsOf(result.state, 'messages')).toEqual(rowsBefore);
          }
          state = result.state;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('once the hub exists there is exactly one Owner, after every call', () => {
    fc.assert(
      fc.property(callsArb({ prelude: false }), (calls) => {
        const { results } = replay(calls);
        expect(results[0]!.ok).toBe(true);
        for (const result of results) {
          expect(rowsOf(result.state, 'roles').filter((r) => r.role === 'Owner')).toHaveLength(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('replay folds calls exactly as applying them one by one', () => {
    fc.assert(
      fc.property(callsArb({ maxLength: 30 }), (calls) => {
        let state = emptyState();
        for (const call of calls) state = applyCall(state, call).state;
        expect(replay(calls).state).toEqual(state);
      }),
      { numRuns: 30 },
    );
  });
});

/** The model: each registered person's role and ban, and who owns the hub. */
interface Model {
  roles: Map<Person, Role>;
  banned: Set<Person>;
}

type Real = { hub: TestHub };

const people = Object.keys(PEOPLE).filter((p) => p !== 'stranger') as Person[];
const rank = (m: Model, p: Person) => rankOf(m.roles.get(p)!);

/** Checks the real outcome against the model's prediction. */
function outcome(r: Real, predicted: boolean, label: string): boolean {
  const result = r.hub.log.at(-1)!.result;
  const said = result.ok ? 'accepted' : `refused (${result.error.code}: ${result.error.message})`;
  expect(result.ok, `${label} was ${said}`).toBe(predicted);
  return result.ok;
}

/** After the model is updated: the roles agree and every invariant holds. */
function agree(m: Model, r: Real): void {
  expect(invariants(r.hub.state)).toEqual([]);
  for (const p of people) expect(r.hub.roleOf(p), `role of ${p}`).toBe(m.roles.get(p));
}

class SetRole implements fc.Command<Model, Real> {
  constructor(
    readonly actor: Person,
    readonly target: Person,
    readonly role: Role,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    r.hub.call(this.actor, 'set_role', { identity: PEOPLE[this.target], role: this.role });
    const ok =
      !m.banned.has(this.actor) &&
      this.actor !== this.target &&
      this.role !== 'Owner' &&
      rank(m, this.actor) >= rankOf('Moderator') &&
      rank(m, this.actor) > rank(m, this.target) &&
      rankOf(this.role) < rank(m, this.actor);
    if (outcome(r, ok, this.toString())) m.roles.set(this.target, this.role);
    agree(m, r);
  }
  toString = () => `${this.actor} set_role ${this.target} ${this.role}`;
}

class Transfer implements fc.Command<Model, Real> {
  constructor(
    readonly actor: Person,
    readonly target: Person,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    r.hub.call(this.actor, 'transfer_ownership', { identity: PEOPLE[this.target] });
    const ok =
      !m.banned.has(this.actor) &&
      m.roles.get(this.actor) === 'Owner' &&
      this.actor !== this.target &&
      !m.banned.has(this.target);
    if (outcome(r, ok, this.toString())) {
      m.roles.set(this.actor, 'Admin');
      m.roles.set(this.target, 'Owner');
    }
    agree(m, r);
  }
  toString = () => `${this.actor} transfer_ownership ${this.target}`;
}

class Ban implements fc.Command<Model, Real> {
  constructor(
    readonly actor: Person,
    readonly target: Person,
    readonly lift: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    r.hub.call(this.actor, this.lift ? 'unban_user' : 'ban_user', {
      identity: PEOPLE[this.target],
    });
    const ok =
      !m.banned.has(this.actor) &&
      this.actor !== this.target &&
      rank(m, this.actor) >= rankOf('Moderator') &&
      rank(m, this.actor) > rank(m, this.target) &&
      (!this.lift || m.banned.has(this.target));
    if (outcome(r, ok, this.toString())) {
      if (this.lift) m.banned.delete(this.target);
      else m.banned.add(this.target);
    }
    agree(m, r);
  }
  toString = () => `${this.actor} ${this.lift ? 'unban_user' : 'ban_user'} ${this.target}`;
}

class Post implements fc.Command<Model, Real> {
  constructor(
    readonly actor: Person,
    readonly channel: 'general' | 'agent-logs' | 'system',
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    r.hub.call(this.actor, 'send_message', {
      channelId: r.hub.channel(this.channel).id,
      text: 'hi',
    });
    const ok =
      !m.banned.has(this.actor) &&
      (this.channel !== 'system' || rank(m, this.actor) >= rankOf('Moderator'));
    outcome(r, ok, this.toString());
    agree(m, r);
  }
  toString = () => `${this.actor} posts in #${this.channel}`;
}

describe('the permission table against a model (fc.commands)', () => {
  it('role changes, transfers, bans and posts are accepted exactly when the rank rules allow', () => {
    const person = fc.constantFrom(...people);
    const role = fc.constantFrom<Role>('Owner', 'Admin', 'Moderator', 'Member', 'Agent');
    const commands = fc.commands(
      [
        fc.tuple(person, person, role).map(([a, t, ro]) => new SetRole(a, t, ro)),
        fc.tuple(person, person).map(([a, t]) => new Transfer(a, t)),
        fc.tuple(person, person, fc.boolean()).map(([a, t, lift]) => new Ban(a, t, lift)),
        fc
          .tuple(
            person,
            fc.constantFrom('general', 'agent-logs', 'system') as fc.Arbitrary<Post['channel']>,
          )
          .map(([a, c]) => new Post(a, c)),
      ],
      { maxCommands: 40 },
    );
    fc.assert(
      fc.property(commands, (cmds) => {
        const hub = TestHub.seeded();
        const model: Model = {
          roles: new Map(people.map((p) => [p, hub.roleOf(p) as Role])),
          banned: new Set(),
        };
        fc.modelRun(() => ({ model, real: { hub } }), cmds);
      }),
      { numRuns: 80 },
    );
  });
});
