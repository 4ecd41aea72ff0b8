/**
 * A real redis-server (Debian's, /usr/bin/redis-server) for one test: a free loopback
 * port, its own temporary directory, persistence on (append-only file, fsync on every
 * write, as the README asks of production), removed afterwards. Never a mock: BullMQ's
 * Lua scripts and blocking commands are what is under test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  url: string;
  port: number;
  /** Stop it abruptly (SIGKILL): only what was already fsynced survives. */
  kill(): Promise<void>;
  /** Start it again on the same port and directory. */
  restart(): Promise<void>;
  /** Stop it and remove its directory. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-drift-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    const output: string[] = [];
    const process_ = spawn(
      REDIS_SERVER,
      [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--dir', dir,
        '--appendonly', 'yes',
        '--appendfsync', 'always',
        '--save', '',
        // BullMQ refuses to run on a Redis that may evict its keys.
        '--maxmemory-policy', 'noeviction',
        '--daemonize', 'no',
        '--logfile', '',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = process_;
    process_.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    process_.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    for (let waited = 0; !(await answers(port)); waited += 20) {
      if (process_.exitCode !== null || waited > 10_000) throw new Error(`redis-server did not start on port ${port}:\n${output.join('')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function stop(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => stop('SIGKILL'),
    restart: start,
    async close() {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
