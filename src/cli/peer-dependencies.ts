// eslint and @typescript-eslint/parser are peer dependencies: `otel-codemod lint` uses the project's own copies, so
// that an ESLint 9 project does not get a second, nested ESLint. They load when lint runs, and a missing one is named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageInfo } from '../package-info.js';

export type PeerName = 'eslint' | '@typescript-eslint/parser';

/** The range package.json declares for a peer, for the message that asks to install it. */
function getPeerRange(name: PeerName): string {
  try {
    const json = JSON.parse(readFileSync(join(packageInfo.root, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> };
    return json.peerDependencies?.[name] ?? '';
  } catch {
    return '';
  }
}

/** Whether `error` says that the package `name` itself (not something it imports) could not be found. */
export function isMissingPackage(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && message.includes(`'${name}'`);
}

export function getMissingPeerMessage(name: PeerName, command: string): string {
  const range = getPeerRange(name);
  return `${command} needs ${name}${range ? ` (${range})` : ''}, a peer dependency of otel-codemod that is not installed: npm install --save-dev ${name}`;
}

/** Imports a peer dependency (or a module that needs it); when it is not installed, throws an error that names it and says how to install it. */
export async function importPeer<T>(name: PeerName, load: () => Promise<T>, command = 'otel-codemod lint'): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error, name)) throw new Error(getMissingPeerMessage(name, command), { cause: error });
    throw error;
  }
}
