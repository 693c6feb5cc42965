import { describe, expect, it } from 'vitest';
import { ROLES } from './enums.js';
import { PERMISSIONS, outranks, roleAllows } from './permissions.js';
import { reducers } from './reducers/index.js';

describe('the permission table', () => {
  it('ranks Owner > Admin > Moderator > Member > Agent, strictly', () => {
    for (const [i, actor] of ROLES.entries()) {
      for (const [j, target] of ROLES.entries())
        expect(outranks(actor, target), `${actor} over ${target}`).toBe(i < j);
    }
  });

  it('lets a role do what its minimum allows, and every role above it', () => {
    expect(ROLES.filter((r) => roleAllows(r, 'create_channel'))).toEqual([
      'Owner',
      'Admin',
      'Moderator',
      'Member',
    ]);
    expect(ROLES.filter((r) => roleAllows(r, 'post_announcement'))).toEqual([
      'Owner',
      'Admin',
      'Moderator',
    ]);
    expect(ROLES.filter((r) => roleAllows(r, 'delete_channel'))).toEqual(['Owner', 'Admin']);
    expect(ROLES.filter((r) => roleAllows(r, 'transfer_ownership'))).toEqual(['Owner']);
    expect(ROLES.filter((r) => roleAllows(r, 'join_channel'))).toEqual([...ROLES]);
  });

  it('marks every action on another user as needing a higher rank', () => {
    const ranked = Object.entries(PERMISSIONS)
      .filter(([, p]) => 'rank' in p && p.rank)
      .map(([a]) => a);
    expect(ranked.sort()).toEqual([
      'ban_user',
      'delete_message',
      'remove_member',
      'set_role',
      'timeout_user',
      'unban_user',
    ]);
  });

  it('covers 35 reducers', () => {
    expect(Object.keys(reducers)).toHaveLength(35);
  });
});
