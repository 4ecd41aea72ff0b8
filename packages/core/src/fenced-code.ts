/**
 * Line-by-line tracking of fenced code blocks, for the light scans that look at prose
 * lines only (anchor checks, language detection): a `#` or a link inside code is code.
 * CommonMark: a fence is 3+ backticks or tildes indented at most 3 spaces; it closes at
 * a line of the same character, at least as long, with nothing after it.
 */

const OPENING = /^ {0,3}(`{3,}|~{3,})/;

export type FenceLine = 'open' | 'inside' | 'close' | null;

/** Returns a function to call on each line in order: what that line is to fenced code (null: outside code). */
export function createFenceTracker(): (line: string) => FenceLine {
  let fence: string | null = null;
  return (line) => {
    if (fence !== null) {
      const closing = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (closing && closing[1]![0] === fence[0] && closing[1]!.length >= fence.length) {
        fence = null;
        return 'close';
      }
      return 'inside';
    }
    const open = OPENING.exec(line);
    // A backtick fence's info string may not contain a backtick (CommonMark 4.5).
    if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
      fence = open[1]!;
      return 'open';
    }
    return null;
  };
}
