/**
 * Bytes of a repository file -> Markdown text, with the refusals every read shares
 * (Git object or working-tree file alike): oversized, binary, not UTF-8.
 */
import { LocalizedHostError } from '../cli-error.js';

/** Larger files are refused: a privacy policy is kilobytes, not megabytes. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** @throws HostError('too-large') naming `path` when `size` bytes is over the limit. */
export function refuseTooLarge(path: string, size: number): void {
  if (size <= MAX_FILE_BYTES) return;
  const values = { path, size: (size / 1048576).toFixed(1), max: MAX_FILE_BYTES / 1048576 };
  throw new LocalizedHostError('too-large', `${path} is ${values.size} MB; documents over ${values.max} MB are refused`, { key: 'cli:error.tooLarge', values });
}

const NOT_A_FILE = { folder: 'a folder', symlink: 'a symbolic link', special: 'not a regular file' } as const;

/** A document path that is a folder, a symbolic link or a device/FIFO where a file was expected. */
export function notAFile(path: string, kind: keyof typeof NOT_A_FILE): LocalizedHostError {
  return new LocalizedHostError('not-a-file', `${path} is ${NOT_A_FILE[kind]}, not a document`, { key: `cli:error.notAFile.${kind}`, values: { path } });
}

/** Decode `content` as UTF-8 text. @throws HostError('too-large' | 'binary') naming `path`. */
export function decodeFile(path: string, content: Buffer): string {
  refuseTooLarge(path, content.length);
  // Git's own heuristic: a NUL byte in the first 8,000 bytes means binary.
  if (content.subarray(0, 8000).includes(0)) {
    throw new LocalizedHostError('binary', `${path} is a binary file, not a Markdown document`, { key: 'cli:error.binary', values: { path } });
  }
  try {
    // ignoreBOM keeps a UTF-8 BOM in the text (the default drops it, and a sync then wrote the file without it).
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(content);
  } catch {
    throw new LocalizedHostError('binary', `${path} is not valid UTF-8 text`, { key: 'cli:error.notUtf8', values: { path } });
  }
}
