import type { Snapshot } from '../worker/protocol';

/**
 * The error the page still shows once a snapshot arrives. An error is about the run that was
 * there when it came (a model that could not be built, a loop that failed): a snapshot of another
 * run (one built since, e.g. once points are drawn after "There are no points yet") or of a run
 * training again proves it stale, so it is cleared; any other snapshot leaves it.
 */
export function errorAfterSnapshot(
  error: string | null,
  previous: Pick<Snapshot, 'runId'> | null,
  next: Pick<Snapshot, 'runId' | 'running'>,
): string | null {
  if (error === null) return null;
  if (next.running || previous === null || next.runId !== previous.runId) return null;
  return error;
}
