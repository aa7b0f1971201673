// Starts and stops a local anvil chain (the devnet). Used by `npm start`, the test fixture and the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ANVIL_WRAPPER = path.join(REPO_ROOT, 'node_modules', '.bin', 'anvil');
const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };
/**
 * The native anvil binary of the @foundry-rs/anvil package. node_modules/.bin/anvil is a Node wrapper that,
 * on SIGINT, forwards the signal and exits at once without waiting for anvil, so anvil could still be writing
 * its state (and holding the port) after the wrapper is gone: spawn the binary itself when it is there.
 */
export function anvilBinary(): string {
  const native = path.join(
    REPO_ROOT,
    'node_modules',
    '@foundry-rs',
    `anvil-${process.platform}-${ARCH[process.arch] ?? process.arch}`,
    'bin',
    'anvil',
  );
  return fs.existsSync(native) ? native : ANVIL_WRAPPER;
}

export interface AnvilOptions {
  port: number;
  host?: string;
  chainId?: number;
  /** anvil `--state <file>`: loads the chain from the file if it exists and dumps it on exit. */
  stateFile?: string;
  /** Seconds between periodic state dumps (`--state-interval`) when `stateFile` is set. Default 10. */
  stateInterval?: number;
  /** Interval mining in seconds; automine (a block per transaction) when omitted. */
  blockTime?: number;
  /** Do not forward anvil's output (default true). */
  silent?: boolean;
  /** Milliseconds to wait for the RPC to answer. Default 30 s. */
  startTimeoutMs?: number;
}

export interface AnvilHandle {
  url: string;
  port: number;
  host: string;
  chainId: number;
  pid: number | undefined;
  /** Resolves with anvil's exit code when it exits, whether by `stop()` or on its own (a crash). */
  exited: Promise<number | null>;
  /** The last lines anvil printed (for a one-line reason when it dies). */
  lastOutput(): string;
  stop(): Promise<void>;
}

/** Thrown when the requested port is already in use. */
export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    what = 'anvil',
  ) {
    super(`Port ${port} on ${host} is already in use; stop whatever is listening there or choose another port for ${what}.`);
    this.name = 'PortInUseError';
  }
}

/** Resolves to a TCP port that is free on `host` right now. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Rejects with PortInUseError when something already listens on host:port. */
export function assertPortFree(port: number, host = '127.0.0.1', what = 'anvil'): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') reject(new PortInUseError(host, port, what));
      else reject(err);
    });
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

async function rpcChainId(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    const body = (await res.json()) as { result?: string };
    return body.result ? Number(body.result) : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spawns anvil (`--hardfork shanghai`, like Metis) and waits until `eth_chainId` answers. */
export async function startAnvil(opts: AnvilOptions): Promise<AnvilHandle> {
  const host = opts.host ?? '127.0.0.1';
  const chainId = opts.chainId ?? 31337;
  const { port } = opts;
  if (!fs.existsSync(anvilBinary())) {
    throw new Error(`anvil not found at ${ANVIL_WRAPPER}; the @foundry-rs/anvil package is missing from node_modules`);
  }
  await assertPortFree(port, host);

  const args = ['--host', host, '--port', String(port), '--chain-id', String(chainId), '--hardfork', 'shanghai'];
  if (opts.blockTime !== undefined) args.push('--block-time', String(opts.blockTime));
  if (opts.stateFile) {
    fs.mkdirSync(path.dirname(opts.stateFile), { recursive: true });
    // An empty or truncated file (a crash mid-dump) would stop anvil from starting: start over instead.
    if (fs.existsSync(opts.stateFile) && fs.statSync(opts.stateFile).size === 0) fs.rmSync(opts.stateFile);
    args.push('--state', opts.stateFile, '--state-interval', String(opts.stateInterval ?? 10));
  }
  const url = `http://${host}:${port}`;
  // A port we just released can still hold closing connections (FIN-WAIT) that make anvil's bind fail
  // for a few seconds although nothing listens: retry while our own check says the port is free.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(args, url, host, port, chainId, opts);
    } catch (err) {
      if (!(err instanceof BindError)) throw err;
      await assertPortFree(port, host);
      if (attempt >= 40) throw new PortInUseError(host, port);
      await sleep(250);
    }
  }
}

class BindError extends Error {}

async function launch(args: string[], url: string, host: string, port: number, chainId: number, opts: AnvilOptions): Promise<AnvilHandle> {
  const silent = opts.silent ?? true;
  const child: ChildProcess = spawn(anvilBinary(), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // own process group is not needed: we signal the pid directly and wait for its exit
  });
  let output = '';
  const onData = (d: Buffer) => {
    const s = d.toString();
    output = (output + s).slice(-8000);
    if (!silent) process.stdout.write(s.replace(/^/gm, '[anvil] '));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  let exited = false;
  let exitCode: number | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited = true;
      exitCode = code;
      resolve();
    });
  });

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      if (/address already in use/i.test(output)) throw new BindError();
      const hint = opts.stateFile ? `\n(if the saved state ${opts.stateFile} is damaged, remove it: \`npm start -- --fresh\`)` : '';
      throw new Error(`anvil exited with code ${exitCode} before answering:\n${output.trim()}${hint}`);
    }
    const id = await rpcChainId(url);
    if (id !== null) {
      if (id !== chainId) {
        child.kill('SIGKILL');
        throw new Error(`anvil on ${url} reports chain id ${id}, expected ${chainId}`);
      }
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`anvil did not answer on ${url} within ${opts.startTimeoutMs ?? 30_000} ms:\n${output.trim()}`);
    }
    await sleep(100);
  }

  let stopping: Promise<void> | null = null;
  const stop = () => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (exited) return;
      // SIGINT lets anvil dump its state (--state) before exiting; SIGKILL only if it hangs.
      child.kill('SIGINT');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 15_000);
      await exitPromise;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return {
    url,
    port,
    host,
    chainId,
    pid: child.pid,
    exited: exitPromise.then(() => exitCode),
    lastOutput: () => output.trim().split('\n').slice(-3).join(' | '),
    stop,
  };
}
