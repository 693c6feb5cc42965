import { readGitBranch as readGitBranchFromDisk } from './gitBranch.js';
import type { HookStore, StoredMessageRef } from './hookStore.js';
import type { StopInput } from './input.js';
import { sessionProject } from './sessionProject.js';
import type { ProjectHints } from './sessionProject.js';
import {
  SESSION_SUMMARY_KIND,
  buildSessionSummary,
  summaryChanged,
  summaryEventText,
} from './summary.js';
import type { SessionSummary, SessionSummaryOptions } from './summary.js';
import { readSubagentTranscripts as readSubagentsFromDisk } from './subagents.js';
import type { SubagentTranscript } from './subagents.js';
import {
  analyzeTranscript,
  readTranscript as readTranscriptFromDisk,
  relativeFacts,
} from './transcript.js';

/** What summarising a Stop needs; file readers are replaceable for tests. */
export interface SummariseDeps {
  readTranscript?: (path: string) => Promise<string | Buffer | undefined>;
  readSubagents?: (transcriptPath: string) => Promise<SubagentTranscript[]>;
  readGitBranch?: (cwd: string) => Promise<string | undefined>;
  /** What is known of the project before the transcript is read (see `sessionProject`). */
  project?: Omit<ProjectHints, 'firstCwd' | 'cwd'>;
  summary?: SessionSummaryOptions;
}

/** A Stop's summary, ready to post, and where it belongs. */
export interface StopSummary extends SessionSummary {
  sessionId: string;
  /** The project's root, fixed at the session's first turn: it names the agent that posts. */
  projectDir: string;
  /** Things worth a diagnostic that did not stop the summary, such as a missing transcript. */
  notes: string[];
}

/**
 * Summarises the session so far from the Stop input, its transcript and its subagents'
 * transcripts: the message text and the `session.summary@1` payload, both redacted. The project
 * is the one the session started in (see `sessionProject`), whatever the cwd is now.
 */
export async function summariseStop(
  input: StopInput,
  deps: SummariseDeps = {},
): Promise<StopSummary> {
  const readTranscript = deps.readTranscript ?? readTranscriptFromDisk;
  const readSubagents = deps.readSubagents ?? readSubagentsFromDisk;
  const readGitBranch = deps.readGitBranch ?? readGitBranchFromDisk;
  const [transcript, subagents] = await Promise.all([
    readTranscript(input.transcriptPath),
    readSubagents(input.transcriptPath),
  ]);
  const notes =
    transcript === undefined
      ? [`transcript not found at "${input.transcriptPath}"; summarised from the Stop input alone`]
      : [];
  // Paths stay absolute until the project is known, which may come from the transcript itself.
  const raw = analyzeTranscript(transcript ?? '', '', subagents);
  const projectDir = sessionProject({ ...deps.project, firstCwd: raw.firstCwd, cwd: input.cwd });
  const facts = relativeFacts(raw, projectDir);
  const branch = facts.gitBranch ?? (await readGitBranch(projectDir));
  const summary = await buildSessionSummary(
    {
      sessionId: input.sessionId,
      projectDir,
      branch,
      lastAssistantMessage: input.lastAssistantMessage,
      facts,
    },
    deps.summary,
  );
  return { ...summary, sessionId: input.sessionId, projectDir, notes };
}

/** What posting a summary did. */
export interface PostResult {
  message: StoredMessageRef;
  /** `posted` on the session's first Stop, `edited` on later ones, `unchanged` if nothing new. */
  action: 'posted' | 'edited' | 'unchanged';
  /** Whether a `session.summary@1` event was emitted (see {@link summaryChanged}). */
  emitted: boolean;
}

/**
 * Keeps exactly one log message per session: posts the summary on the session's first Stop and
 * edits it on later ones (Stop fires after every turn), then emits the summary as a
 * `session.summary@1` event when it says something new: on the first turn, and whenever a tool,
 * file or branch appears that the last event did not have. Every event also posts a line to the
 * log, so emitting on every turn would undo the point of editing one message.
 */
export async function postSummary(
  store: HookStore,
  summary: Pick<StopSummary, 'sessionId' | 'text' | 'payload'>,
): Promise<PostResult> {
  // Both lookups at once: they are the slow part.
  const [found, lastEvent] = await Promise.all([
    store.findSessionMessage(summary.sessionId),
    store.lastSessionEvent(SESSION_SUMMARY_KIND, summary.sessionId),
  ]);
  let id: bigint;
  let action: PostResult['action'];
  if (!found) {
    ({ id } = await store.postSessionMessage(summary.sessionId, summary.text));
    action = 'posted';
  } else if (found.text === summary.text) {
    // A turn that changed nothing we report would only add a copy to the edit history.
    id = found.id;
    action = 'unchanged';
  } else {
    await store.editSessionMessage(found.id, summary.text);
    id = found.id;
    action = 'edited';
  }
  const emitted = !found || summaryChanged(lastEvent, summary.payload);
  if (emitted) {
    await store.emitEvent(SESSION_SUMMARY_KIND, summary.payload, summaryEventText(summary.payload));
  }
  return { message: { id }, action, emitted };
}

/** What {@link handleStop} did. */
export interface SessionHookResult extends PostResult {
  summary: StopSummary;
  notes: string[];
}

/** Summarises a Stop and posts it straight away: {@link summariseStop}, then {@link postSummary}. */
export async function handleStop(
  input: StopInput,
  deps: SummariseDeps & { store: HookStore },
): Promise<SessionHookResult> {
  const summary = await summariseStop(input, deps);
  const posted = await postSummary(deps.store, summary);
  return { ...posted, summary, notes: summary.notes };
}
