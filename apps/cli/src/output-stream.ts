/**
 * stdout or stderr closed by its reader (`i18n-drift status | head`): the rest of the
 * output has nowhere to go, which is the reader's choice, not a failure — no stack
 * trace, no "write EPIPE", the command's own exit code.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
      // Later writes are dropped instead of queued for a reader that is gone.
      stream.destroy();
    });
  }
}
