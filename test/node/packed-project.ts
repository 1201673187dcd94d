// What the pack-and-install tests share: `npm pack` a workspace package, install the tarball
// into a fresh project outside the workspace, bundle an app with Rollup, and open it in
// Chromium. Nothing here resolves through the workspace: the project lives under the OS temp
// folder, so every import goes through its own node_modules, as in a customer's project.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { chromium, type Browser } from 'playwright-core';
import { rollup } from 'rollup';
import ts from 'typescript';
import { chromiumArgs, chromiumPath } from '../chromium';

const root = join(import.meta.dirname, '..', '..');

function run(command: string, args: string[], cwd: string): string {
  const out = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

/** `npm pack` of a workspace package (built first by `npm test`) into `dest`; the tarball's path. */
export function pack(packageDir: string, dest: string): string {
  const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dest], join(root, packageDir)));
  return join(dest, filename);
}

/**
 * A fresh project in the temp folder with `specs` installed (tarballs and registry names).
 * `--prefer-offline` takes what npm's cache already holds (the workspace's `npm ci` filled it)
 * and asks the registry only for what it lacks.
 */
export function freshProject(name: string, specs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `habitual-${name}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `customer-${name}`, private: true, type: 'module' }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], dir);
  return dir;
}

export const removeProject = (dir: string) => rmSync(dir, { recursive: true, force: true });

/**
 * Type-checks the project's `files` in one program, as a customer's bundler-based app would
 * (strict, bundler resolution): each file's errors.
 */
export function typeErrors(dir: string, files: string[], options: ts.CompilerOptions = {}): Record<string, string[]> {
  const program = ts.createProgram(
    files.map((f) => join(dir, f)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      ...options,
    },
  );
  const out: Record<string, string[]> = Object.fromEntries(files.map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = files.find((f) => d.file?.fileName === join(dir, f)) ?? files[0];
    out[file].push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return out;
}

/** Bundles the project's `input` with Rollup (node-resolve, CommonJS for React) into `dist/`; the emitted files. */
export async function bundle(dir: string, input: string): Promise<string[]> {
  const build = await rollup({
    input: join(dir, input),
    plugins: [
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve({ browser: true, rootDir: dir }),
      commonjs(),
    ],
    onwarn: () => {},
  });
  const { output } = await build.write({ dir: join(dir, 'dist'), format: 'es' });
  await build.close();
  return output.map((o) => o.fileName);
}

const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };

/** Serves `dir` over HTTP on a free port, and the page's HTML at `/`. */
export async function serve(dir: string, html: string): Promise<{ url: string; server: Server; requested: string[] }> {
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(path);
    if (path === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    if (path === '/favicon.ico') return res.writeHead(204).end();
    try {
      const body = readFileSync(join(dir, path));
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, requested };
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
