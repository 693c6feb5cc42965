import type { Space } from '@spaces/client';
import type { Ctx } from '../context.js';

/**
 * Creates a local profile, registers it in the space, and undoes the local part if registration
 * fails, so a refused `init` or `profiles add` leaves nothing behind.
 */
export async function createProfile(
  ctx: Ctx,
  name: string,
  register: (as: string) => Promise<void>,
) {
  const c = await ctx.client();
  const home = await ctx.home();
  const existed = c.listProfiles(home).some((p) => p.name === name && p.identity !== undefined);
  const profile = existed ? c.loadProfile(home, name) : c.addProfile(home, name);
  try {
    await register(name);
  } catch (error) {
    if (!existed) c.removeProfile(home, name);
    throw error;
  }
  return { home, profile, existed };
}

/** Opens a second space as another profile for one call sequence. */
export async function asProfile(ctx: Ctx, name: string, body: (space: Space) => Promise<void>) {
  const c = await ctx.client();
  // The two commands that make a store (init, profiles add) are the ones that come here.
  const space = await c.openSpace({ ...ctx.openOptions(), as: name, create: true });
  try {
    await body(space);
  } finally {
    await space.close();
  }
}
