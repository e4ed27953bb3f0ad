// The thread behind a generated jscodeshift module (see module-source.ts): loads the adapter and the registry as ESM,
// away from any require hook of the process (jscodeshift's Babel hook), and answers one file at a time.
import { workerData, type MessagePort } from 'node:worker_threads';
import { createJscodeshiftTransform, type JscodeshiftFileInfo, type JscodeshiftTransform } from './adapter.js';
import type { CodemodTransform } from '../transform/types.js';

interface RunnerData {
  port: MessagePort;
  /** Set to 1 and notified when a reply has been posted: the caller waits on it. */
  signal: Int32Array;
  registryUrl: string;
  transformName: string;
}

export interface RunnerRequest {
  fileInfo: JscodeshiftFileInfo;
  options: Record<string, unknown>;
}

export interface RunnerReply {
  output?: string;
  error?: { name: string; message: string };
  reports: string[];
}

const { port, signal, registryUrl, transformName } = workerData as RunnerData;

const loading: Promise<JscodeshiftTransform | Error> = import(registryUrl).then(
  (registry: { transforms: Record<string, CodemodTransform> }) => {
    const transform = registry.transforms[transformName];
    return transform ? createJscodeshiftTransform(transform) : new Error(`otel-codemod has no transform named ${transformName}`);
  },
  (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
);

function reply(message: RunnerReply): void {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', async (request: RunnerRequest) => {
  const transform = await loading;
  const reports: string[] = [];
  if (transform instanceof Error) return reply({ error: { name: transform.name, message: transform.message }, reports });
  try {
    reply({ output: transform(request.fileInfo, { report: (message) => reports.push(message) }, request.options), reports });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    reply({ error: { name, message }, reports });
  }
});
