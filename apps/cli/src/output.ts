/**
 * Terminal output: colours only on a TTY (picocolors honours NO_COLOR/FORCE_COLOR),
 * a progress bar on stderr only when it is a terminal, and nothing else.
 */
import pc from 'picocolors';
import { colorEnabled } from './fast-status.js';

export const colors = pc.createColors(colorEnabled());

export function print(line = ''): void {
  process.stdout.write(line + '\n');
}

/** Runs over more than this many files get a progress bar. */
export const PROGRESS_THRESHOLD = 300;

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

/** A one-line progress bar on stderr, or a no-op when stderr is piped or the run is small. */
export function progressBar(label: string): Progress {
  const tty = Boolean(process.stderr.isTTY);
  let last = -1;
  let shown = false;
  return {
    update(done, total) {
      if (!tty || total <= PROGRESS_THRESHOLD) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      shown = true;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
