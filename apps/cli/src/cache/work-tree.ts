/**
 * The top of the work tree holding a folder, found as git finds it, without starting
 * `git rev-parse`: the cached `status` then needs one git process (`git status`, which
 * also names HEAD's commit) instead of two. Only for the plain case it can vouch for;
 * anything else (GIT_DIR and friends, a `.git` file, core.worktree, includes, a `.git`
 * folder git would not take as a repository) is left to `git rev-parse`. Node built-ins only.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** GIT_* variables about the network, identities and editors: nothing that moves the repository git finds. */
const UNRELATED_GIT_VARIABLE = /^GIT_(SSL_|HTTP_|CURL_|PROXY_|SSH|ASKPASS$|TERMINAL_PROMPT$|PAGER$|EDITOR$|SEQUENCE_EDITOR$|AUTHOR_|COMMITTER_|MERGE_)/;

/** Config keys that put the work tree elsewhere, or make git read more config than the files read here. */
const RELOCATING = /^\s*worktree\s*=|^\s*bare\s*=\s*(true|yes|on|1)\s*$|^\s*\[\s*include/im;

export interface WorkTree {
  root: string;
  gitDir: string;
}

/**
 * The work tree and `.git` folder git would use for `dir` (`--show-toplevel`,
 * `--git-common-dir`), or null when this cannot be told from the files alone.
 */
export function workTreeOf(dir: string, env: NodeJS.ProcessEnv = process.env): WorkTree | null {
  if (Object.keys(env).some((name) => name.startsWith('GIT_') && !UNRELATED_GIT_VARIABLE.test(name))) return null;
  try {
    let device: number | undefined;
    // From the real path, as git does: the root is the one `--show-toplevel` names.
    for (let current = realpathSync.native(dir); ; current = dirname(current)) {
      const stat = lstatSync(current);
      // git stops at a file system boundary unless told otherwise.
      if (device !== undefined && stat.dev !== device) return null;
      device = stat.dev;
      const dotGit = lstatSync(join(current, '.git'), { throwIfNoEntry: false });
      if (dotGit) return dotGit.isDirectory() ? plainRepository(current, env) : null;
      if (dirname(current) === current) return null;
    }
  } catch {
    return null;
  }
}

/** `root` with its `.git` folder, when git takes that folder as the repository and the work tree as `root`. */
function plainRepository(root: string, env: NodeJS.ProcessEnv): WorkTree | null {
  const gitDir = join(root, '.git');
  // What git checks before it takes a folder as a repository (else it looks further up).
  const head = readFileSync(join(gitDir, 'HEAD'), 'utf8');
  if (!/^(ref: refs\/|[0-9a-f]{40})/.test(head)) return null;
  if (!lstatSync(join(gitDir, 'objects')).isDirectory() || !lstatSync(join(gitDir, 'refs')).isDirectory()) return null;
  const home = env['HOME'];
  const xdg = env['XDG_CONFIG_HOME'] || (home ? join(home, '.config') : undefined);
  const configs = [join(gitDir, 'config'), join(gitDir, 'config.worktree'), '/etc/gitconfig', ...(home ? [join(home, '.gitconfig')] : []), ...(xdg ? [join(xdg, 'git', 'config')] : [])];
  for (const path of configs) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (RELOCATING.test(text)) return null;
  }
  return { root, gitDir };
}
