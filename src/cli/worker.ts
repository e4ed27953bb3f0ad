// A worker thread of `otel-codemod --jobs <n>`: loads the transforms once, then runs the files it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry, type RegistrySource } from './registry.js';
import { processFile, type FileTask } from './process-file.js';

export interface WorkerRequest {
  index: number;
  task: FileTask;
}

const registry = await loadRegistry(workerData as RegistrySource);

parentPort?.on('message', (request: WorkerRequest) => {
  parentPort?.postMessage({ index: request.index, result: processFile(request.task, registry) });
});
