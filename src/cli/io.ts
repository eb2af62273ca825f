/** Where the CLI writes; `run` takes it so that tests can call the CLI in-process. */
export interface CliIo {
  /** Receives complete chunks of standard output, newlines included. */
  readonly stdout: (s: string) => void;
  /** Receives complete chunks of standard error, newlines included. */
  readonly stderr: (s: string) => void;
  /** Whether standard error is a terminal (enables the live progress line of `check`). */
  readonly isTTY: boolean;
}

/** What a command needs besides its options. */
export interface CommandContext {
  readonly io: CliIo;
  /** Sets the process exit code of this invocation (default 0). */
  readonly setExitCode: (code: number) => void;
}
