/**
 * Malformed frontmatter: names the 1-based line of the whole input where the
 * problem is, so an editor or a PR comment can point at it.
 */
export class FrontmatterError extends Error {
  override name = 'FrontmatterError';
  constructor(
    /** 1-based line in the whole input (BOM and frontmatter included). */
    readonly line: number,
    /** What is wrong, without the line prefix. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`frontmatter, line ${line}: ${reason}`, options);
  }
}
