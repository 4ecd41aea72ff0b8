// The floor: read every tracked file of a repository through one `git cat-file --batch`
// and parse each with markdown-it. Run as its own process, like the CLI.
import { execFileSync, spawn } from 'node:child_process';
import MarkdownIt from 'markdown-it';

const root = process.argv[2];
const list = execFileSync('git', ['-C', root, 'ls-tree', '-r', '-z', 'HEAD'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  .split('\0')
  .filter(Boolean)
  .map((e) => e.split('\t')[0].split(' ')[2]);
const md = new MarkdownIt();
const child = spawn('git', ['-C', root, 'cat-file', '--batch']);
let buffer = Buffer.alloc(0);
let parsed = 0;
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const nl = buffer.indexOf(10);
    if (nl < 0) return;
    const size = Number(buffer.subarray(0, nl).toString().split(' ')[2]);
    if (buffer.length < nl + 1 + size + 1) return;
    md.parse(buffer.subarray(nl + 1, nl + 1 + size).toString('utf8'), {});
    buffer = buffer.subarray(nl + 2 + size);
    if (++parsed === list.length) child.stdin.end();
  }
});
child.stdin.write(list.join('\n') + '\n');
child.on('close', () => process.stdout.write(`${parsed}\n`));
