/** One entry of another agent's activity, as read back from the agent log. */
export interface PeerEntry {
  /** Display name of the agent (or person) who wrote it. */
  author: string;
  /** When it was written, ISO 8601. */
  time: string;
  text: string;
  sessionId?: string;
  project?: string;
  branch?: string;
}
