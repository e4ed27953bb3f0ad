import { availableParallelism, freemem } from 'node:os';

/** What one worker thread holds at its peak (ts-morph, a TypeScript program, a large file): measured 200–300 MB. */
export const MEMORY_PER_WORKER = 300 * 1024 * 1024;

/**
 * The default `--jobs`: one worker per CPU, but no more than the memory available now can hold (the smaller of the
 * system's free memory and a container's limit), and at least one. A 32-core runner with 4 GB free gets 13, not 32.
 */
export function getDefaultJobs(cpus = availableParallelism(), availableMemory = getAvailableMemory()): number {
  return Math.max(1, Math.min(cpus, Math.floor(availableMemory / MEMORY_PER_WORKER)));
}

function getAvailableMemory(): number {
  // process.availableMemory() (Node 20.13+) honours cgroup limits; os.freemem() is the host's view.
  const constrained = typeof process.availableMemory === 'function' ? process.availableMemory() : Infinity;
  return Math.min(freemem(), constrained);
}
