// Runs `node demo/start.mjs` as a child process the way `npm start` does (after the
// build), on free ports with its own data folder, and reads the URLs it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningDemo {
  demoUrl: string;
  adminUrl: string;
  adminToken: string;
  collectorUrl: string;
  /** Everything the command printed so far. */
  output(): string;
  /** Stops the demo (SIGTERM) and removes its data folder; resolves with its exit code. */
  stop(): Promise<number | null>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

const field = (text: string, label: string) => new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(text)?.[1];

/** Starts the demo and resolves once it printed where it runs (or rejects with its output). */
export function runDemo(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningDemo> {
  const data = mkdtempSync(join(tmpdir(), 'habitual-demo-test-'));
  const child: ChildProcess = spawn(process.execPath, ['demo/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: '0', DEMO_PORT: '0', HOST: '127.0.0.1', HABITUAL_DATA: data, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b));
  child.stderr!.on('data', (b: Buffer) => (out += b));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    rmSync(data, { recursive: true, force: true });
    return code;
  };
  return new Promise((ready, failed) => {
    const timer = setTimeout(() => void stop().then(() => failed(new Error(`demo did not start in time:\n${out}`))), options.timeoutMs ?? 90_000);
    const check = () => {
      if (!out.includes('Ctrl+C stops both')) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      const demoUrl = field(out, 'Demo app');
      const adminUrl = field(out, 'Admin dashboard');
      const adminToken = field(out, 'Admin token');
      const collectorUrl = field(out, 'Collector');
      if (!demoUrl || !adminUrl || !adminToken || !collectorUrl) return void stop().then(() => failed(new Error(`demo printed no URLs:\n${out}`)));
      ready({ demoUrl, adminUrl, adminToken, collectorUrl, output: () => out, stop });
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      failed(new Error(`demo exited (${code}) before it was ready:\n${out}`));
    });
  });
}
