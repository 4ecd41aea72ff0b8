/**
 * Terminal output: colours only on a TTY (picocolors honours NO_COLOR/FORCE_COLOR),
 * a progress bar on stderr only when it is a terminal and the work takes over a second.
 */
import pc from 'picocolors';
import { colorEnabled } from './fast-status.js';

export const colors = pc.createColors(colorEnabled());

export function print(line = ''): void {
  process.stdout.write(line + '\n');
}

/** A phase that takes longer than this gets a progress bar (on a terminal). */
export const PROGRESS_DELAY_MS = 1000;

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export interface ProgressOptions {
  /** Where to draw; default process.stderr (a pipe or file never gets a bar). */
  stream?: { isTTY?: boolean; write(text: string): unknown };
  /** The clock; default Date.now. */
  now?: () => number;
}

/**
 * A one-line progress bar on stderr once the phase has taken a second, so quick runs
 * print nothing extra; a no-op when stderr is not a terminal (a pipe, a CI log).
 */
export function progressBar(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const tty = Boolean(stream.isTTY);
  const started = now();
  let last = -1;
  let shown = false;
  return {
    update(done, total) {
      if (!tty || total <= 0 || now() - started < PROGRESS_DELAY_MS) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      shown = true;
      const width = 30;
      const filled = Math.round((Math.min(percent, 100) / 100) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
