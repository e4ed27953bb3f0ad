#!/usr/bin/env node
// The `otel-codemod` command. The only place that ends the process; everything else returns exit codes.
import { runCli } from './program.js';

const SHOW_CURSOR = '\x1b[?25h';

const controller = new AbortController();
process.on('SIGINT', () => {
  // The progress bar hides the cursor; whatever happens next, the terminal gets it back.
  if (process.stderr.isTTY) process.stderr.write(SHOW_CURSOR);
  // Files run on a worker thread and are written here whole (temporary file, then rename) within one tick, so this
  // handler never runs in the middle of a write: quitting at once never leaves half a file.
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
