/** Where the CLI writes: stderr for people, stdout for pipes. Tests pass strings collectors. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Aborted on Ctrl-C: the run stops after the file in hand. */
  signal?: AbortSignal;
}
