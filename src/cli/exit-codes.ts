/** The exit codes of every otel-codemod command. */
export const EXIT_OK = 0;
/** Lint findings, or changes needed under --check. */
export const EXIT_FINDINGS = 1;
/** Usage errors, and files that could not be read, parsed or written. */
export const EXIT_ERROR = 2;
/** Stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;
