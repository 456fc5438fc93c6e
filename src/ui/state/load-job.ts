import type { LoadIssue } from '../../extract/issues';
import type { ReadRequest, StagedFile } from '../../extract/load-file';
import type { LoadProgress } from '../../extract/staging';

/** Where a file is in its journey into a table. */
export type JobState = 'reading' | 'staging' | 'mapping' | 'loading' | 'done' | 'failed' | 'cancelled';

/** One file being loaded: read, staged, waiting for its mapping to be confirmed, cleaned. */
export interface LoadJob {
  readonly id: number;
  readonly file: Blob;
  readonly fileName: string;
  readonly size: number;
  state: JobState;
  progress: LoadProgress | null;
  request: ReadRequest;
  staged: StagedFile | null;
  error: LoadIssue | null;
  controller: AbortController;
}

let nextId = 1;

/** A new job for a file the user dropped or picked. */
export function newJob(file: Blob, fileName: string): LoadJob {
  return {
    id: nextId++,
    file,
    fileName,
    size: file.size,
    state: 'reading',
    progress: null,
    request: {},
    staged: null,
    error: null,
    controller: new AbortController(),
  };
}

/** True while a job still needs the user or the engine. */
export function isActive(job: LoadJob): boolean {
  return job.state === 'reading' || job.state === 'staging' || job.state === 'mapping' || job.state === 'loading';
}
