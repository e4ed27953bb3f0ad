#!/usr/bin/env node
// The `otel-codemod` command. The only place that ends the process; everything else returns exit codes.
import { runCli } from './program.js';

const controller = new AbortController();
process.on('SIGINT', () => {
  // Files are written whole (temporary file, then rename) within one tick, so stopping here never leaves half a file.
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
  process.stderr.write('\nStopping after the file in hand (Ctrl-C again to quit at once)…\n');
});

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
