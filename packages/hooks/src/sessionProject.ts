/** What may tell a session's project, strongest first. */
export interface ProjectHints {
  /** What an earlier turn of this session recorded (its session record or outbox entry). */
  recorded?: string | undefined;
  /** `CLAUDE_PROJECT_DIR`, set by Claude Code for hooks. */
  projectDir?: string | undefined;
  /** The cwd of the transcript's first record: where the session started. */
  firstCwd?: string | undefined;
  /** The Stop input's cwd, which follows the session into subfolders. */
  cwd: string;
}

const given = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

/**
 * The session's project root, fixed at its first turn: what an earlier turn recorded, else
 * `CLAUDE_PROJECT_DIR`, else where the transcript starts, else the input's cwd. The project names
 * the agent that posts, so a session that `cd`s into a subfolder keeps its one message.
 */
export function sessionProject(hints: ProjectHints): string {
  return given(hints.recorded) ?? given(hints.projectDir) ?? given(hints.firstCwd) ?? hints.cwd;
}
