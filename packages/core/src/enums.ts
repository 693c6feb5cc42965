/** Space-wide roles, highest first. Rank decides who may act on whom. */
export const ROLES = ['Owner', 'Admin', 'Moderator', 'Member', 'Agent'] as const;
export type Role = (typeof ROLES)[number];

/** Higher is more powerful: Owner 4 … Agent 0. */
export function rankOf(role: Role): number {
  return ROLES.length - 1 - ROLES.indexOf(role);
}

export const CHANNEL_TYPES = ['Text', 'Voice', 'Announcement', 'AgentLog'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const MESSAGE_TYPES = ['Text', 'System', 'Join', 'Leave', 'AgentEvent'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const PRESENCE_STATUSES = ['Online', 'Idle', 'DoNotDisturb', 'Offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

export const USER_KINDS = ['human', 'agent'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export const TOPIC_STATUSES = ['open', 'resolved'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];
