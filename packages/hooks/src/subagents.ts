import type { Dirent } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A subagent's transcript as Claude Code 2.x writes it, beside the session's own. */
export interface SubagentTranscript {
  /** From the file name, `agent-<id>.jsonl`. */
  agentId: string;
  /** From `agent-<id>.meta.json`, when there is one (`Explore`, `general-purpose`...). */
  agentType?: string;
  bytes: Buffer;
}

/** More subagent files than this in one session are left unread: the hook has a budget. */
export const MAX_SUBAGENT_FILES = 500;

/**
 * The folder of a session's subagent transcripts: `<project>/<session>/subagents` for the
 * transcript `<project>/<session>.jsonl` (Claude Code 2.1 and later).
 */
export function subagentsDir(transcriptPath: string): string {
  return join(dirname(transcriptPath), basename(transcriptPath, '.jsonl'), 'subagents');
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function agentType(metaPath: string): Promise<string | undefined> {
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { agentType?: unknown };
    return typeof meta.agentType === 'string' && meta.agentType !== '' ? meta.agentType : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the subagent transcripts of a session: `subagents/agent-*.jsonl`, and those of workflow
 * runs one folder down (`subagents/workflows/<run>/agent-*.jsonl`), sorted by path. A missing
 * folder is no subagents; an unreadable file is skipped. (Claude Code 1.x wrote subagents' records
 * into the session's transcript instead, marked `isSidechain`.)
 */
export async function readSubagentTranscripts(
  transcriptPath: string,
): Promise<SubagentTranscript[]> {
  if (transcriptPath === '') return [];
  const root = subagentsDir(transcriptPath);
  const files: string[] = [];
  const collect = (dir: string, list: Dirent[]): void => {
    for (const entry of list) {
      if (entry.isFile() && /^agent-.+\.jsonl$/.test(entry.name)) files.push(join(dir, entry.name));
    }
  };
  const top = await entries(root);
  collect(root, top);
  for (const folder of top.filter((e) => e.isDirectory())) {
    const dir = join(root, folder.name);
    for (const run of (await entries(dir)).filter((e) => e.isDirectory())) {
      collect(join(dir, run.name), await entries(join(dir, run.name)));
    }
  }
  files.sort();
  const read = await Promise.all(
    files
      .slice(0, MAX_SUBAGENT_FILES)
      .map(async (path): Promise<SubagentTranscript | undefined> => {
        try {
          const bytes = await readFile(path);
          const type = await agentType(path.replace(/\.jsonl$/, '.meta.json'));
          const agentId = basename(path, '.jsonl').slice('agent-'.length);
          return { agentId, ...(type === undefined ? {} : { agentType: type }), bytes };
        } catch {
          return undefined;
        }
      }),
  );
  return read.filter((t): t is SubagentTranscript => t !== undefined);
}
