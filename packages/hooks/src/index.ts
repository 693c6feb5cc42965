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

export { analyzeTranscript, parseTranscript, readTranscript, relativeToCwd } from './transcript.js';
export type { TranscriptFacts } from './transcript.js';
export { branchFromHead, readGitBranch } from './gitBranch.js';

export { REDACTED, redact } from './redact.js';
export { ELLIPSIS, truncateWords } from './truncate.js';
export { formatDuration } from './duration.js';

export {
  MESSAGE_LIMIT,
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
// Only `openHookStore` loads the client, lazily, so importing this package stays cheap.
export { openHookStore } from './openHookStore.js';
export type { ClientHookStore, OpenClientStoreOptions } from './clientStore.js';
export { ensureAgentProfile, projectAgent, registerAgent } from './agentProfile.js';
export type { AgentAbout, AgentIdentity } from './agentProfile.js';
export { agentName, agentNameFor, sessionFileName, sessionNonce } from './agentName.js';
export { spacesHome } from './spacesHome.js';
export { PROBE_WAIT_MS } from './storeProbe.js';
export { handleStop, stopHook } from './sessionHook.js';
export type { SessionHookDeps, SessionHookResult } from './sessionHook.js';
export { handleSessionStart, sessionStartHook } from './contextHook.js';
export type { ContextHookDeps } from './contextHook.js';

export {
  HOOK_BUDGET_MS,
  LOG_ROTATE_BYTES,
  budgetFromEnv,
  hookLogPath,
  runHook,
  runHookMain,
} from './run.js';
export type {
  HookHandler,
  HookHandlerResult,
  HookIo,
  HookSink,
  HookSource,
  RunHookOptions,
  RunOutcome,
} from './run.js';
