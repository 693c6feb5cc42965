/** @packageDocumentation The Claude Code hooks of Spaces: session summaries out, peer context in. */
export { HOOK_ERROR_CODES, HookError } from './errors.js';
export type { HookErrorCode } from './errors.js';

export { parseHookInput, parseSessionStartInput, parseStopInput } from './input.js';
export type {
  CommonHookInput,
  HookInput,
  ParseHookInputOptions,
  SessionStartInput,
  SessionStartSource,
  StopInput,
} from './input.js';

export {
  analyzeTranscript,
  parseTranscript,
  readTranscript,
  relativeFacts,
  relativeToCwd,
} from './transcript.js';
export type { AgentWork, SubagentWork, TranscriptFacts } from './transcript.js';
export { MAX_SUBAGENT_FILES, readSubagentTranscripts, subagentsDir } from './subagents.js';
export type { SubagentTranscript } from './subagents.js';
export { isTurn } from './prompts.js';
export { IDLE_GAP_MS, sessionTime } from './activeTime.js';
export type { SessionTime } from './activeTime.js';
export { branchFromHead, readGitBranch } from './gitBranch.js';

export { REDACTED, redact, redactAll, redactProse } from './redact.js';
export { ELLIPSIS, truncateWords } from './truncate.js';
export { formatDuration } from './duration.js';

export {
  MESSAGE_LIMIT,
  PAYLOAD_FILES,
  PAYLOAD_LIMIT,
  SESSION_SUMMARY_KIND,
  buildSessionSummary,
  listWithMore,
  summaryChanged,
  summaryEventText,
} from './summary.js';
export type {
  SessionSummary,
  SessionSummaryOptions,
  SessionSummaryPayload,
  SessionSummarySource,
  SubagentSummary,
} from './summary.js';

export { CONTEXT_BUDGET, formatPeerContext, sessionStartOutput } from './context.js';
export type { PeerContextOptions } from './context.js';
export type { PeerEntry } from './peerEntry.js';

export {
  DEFAULT_HOOK_COMMANDS,
  HOOK_BINS,
  HOOK_TIMEOUT_SECONDS,
  isOurCommand,
  mergeHookSettings,
} from './settings.js';
export type { ClaudeSettings, HookCommands, MergedSettings } from './settings.js';
export { installHooks, settingsPath } from './installHooks.js';
export { readJsonFile, writeJsonFile } from './jsonFile.js';
export type { InstallHooksOptions, InstallHooksResult } from './installHooks.js';

export { closeQuietly } from './hookStore.js';
export type { HookStore, PeerQuery, StoredMessageRef } from './hookStore.js';
export { DEFAULT_CHANNEL, openClientStore } from './clientStore.js';
export type { ClientHookStore, OpenClientStoreOptions } from './clientStore.js';
export { ensureAgentProfile, projectAgent, registerAgent } from './agentProfile.js';
export type { AgentAbout, AgentIdentity } from './agentProfile.js';
export { agentName, agentNameFor, sessionFileName, sessionNonce } from './agentName.js';
export { homeOf, hooksDir, locateHub } from './hubHome.js';
export type { HubHome } from './hubHome.js';
export { LOG_ROTATE_BYTES, appendHookLog, hookLogPath } from './hookLog.js';
export { PROBE_WAIT_MS } from './storeProbe.js';
export { sessionProject } from './sessionProject.js';
export type { ProjectHints } from './sessionProject.js';
export { handleStop, postSummary, summariseStop } from './sessionHook.js';
export type { PostResult, SessionHookResult, StopSummary, SummariseDeps } from './sessionHook.js';
export { handleSessionStart } from './contextHook.js';
export type { ContextHookDeps } from './contextHook.js';

export { Outbox } from './outbox.js';
export type { Claim, OutboxEntry } from './outbox.js';
export { STALE_LOCK_MS, lockOutbox } from './outboxLock.js';
export type { OutboxLock } from './outboxLock.js';
export { sendOutbox } from './sender.js';
export type { SendResult } from './sender.js';
export { readSessionRecord, writeSessionRecord } from './sessionRecord.js';
export type { SessionRecord } from './sessionRecord.js';

export { MAX_BUDGET_MS, SESSION_START_BUDGET_MS, STOP_BUDGET_MS, budgetFromEnv } from './budget.js';
export { superviseHook, superviseHookMain } from './supervisor.js';
export type {
  Diagnostic,
  HookIo,
  HookSink,
  HookSource,
  RunOutcome,
  SuperviseOptions,
} from './supervisor.js';
export { SENDER_LIFETIME_MS, runWorker } from './worker.js';
export type { HookKind } from './worker.js';
export type { WorkerContext } from './workerContext.js';
export { decodeMessage, encodeMessage } from './protocol.js';
export type { WorkerMessage } from './protocol.js';
