import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { Space } from '@spaces/client';
import { agentName, agentNameFor } from './agentName.js';
import { truncateWords } from './truncate.js';

/** Who an agent of this machine and project is: the hooks post as it, `spaces mcp` acts as it. */
export interface AgentIdentity {
  /** The user name the agent registers with: `claude-<project>-<host>`. */
  name: string;
  displayName: string;
}

/** What an agent says about itself when it registers (core's `set_profile` fields for agents). */
export interface AgentAbout {
  /** The program running the agent, such as `claude-code`. */
  program?: string;
  model?: string;
}

/** The agent of a project folder on this machine (the project is the folder's base name). */
export function projectAgent(projectDir: string, host: string = hostname()): AgentIdentity {
  const project = basename(projectDir) || projectDir;
  return {
    name: agentName(project, host),
    displayName: truncateWords(`Claude Code: ${project} on ${host.split('.')[0]}`, 64),
  };
}

/**
 * Loads the agent's local profile, creating it on first use (embedded engine). The client is
 * imported here, not at the top, so importing this package stays cheap (see openHookStore).
 */
export async function ensureAgentProfile(home: string, name: string): Promise<void> {
  const { SpacesError, addProfile, loadProfile } = await import('@spaces/client');
  try {
    loadProfile(home, name);
  } catch (error) {
    if (!(error instanceof SpacesError && error.code === 'not_found')) throw error;
    try {
      addProfile(home, name);
    } catch (again) {
      // Another process created it first, which is just as good.
      if (!(again instanceof SpacesError && again.code === 'already_exists')) throw again;
    }
  }
}

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

/**
 * Registers the agent (`set_profile`, kind agent) unless its identity is registered already (on
 * SpacetimeDB that may be the token's own user, which is kept as it is). If another identity
 * holds the name, the first characters of ours are appended to it.
 */
export async function registerAgent(
  space: Space,
  agent: AgentIdentity,
  about: AgentAbout,
): Promise<void> {
  if (await space.me()) return;
  const profile = {
    displayName: agent.displayName,
    kind: 'agent',
    ...(about.program === undefined ? {} : { program: about.program }),
    ...(about.model === undefined ? {} : { model: about.model }),
  };
  try {
    await space.reducers.set_profile({ name: agent.name, ...profile });
  } catch (error) {
    if (codeOf(error) !== 'name_taken') throw error;
    // Someone else holds the name (a reinstalled machine, say): add our identity to it.
    await space.reducers.set_profile({
      name: agentNameFor(agent.name, space.identity),
      ...profile,
    });
  }
}
