// The layering is a compile error (tsconfig.json: one project per package). These tests put a
// one-line probe file into a package's project, as if it were one of its sources, and check
// what `tsc -b` would say about its import, so the rule cannot silently rot: a reference
// added to a package's tsconfig.json, or a path mapping that bypasses the projects, fails here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const PACKAGES = ['core', 'widgets', 'sdk', 'server'] as const;
type Package = (typeof PACKAGES)[number];

interface Seen {
  /** Files the import reached that the package's project neither lists nor references (TS6307). */
  unlisted: string[];
  /** Every other error, as `TS<code>: <message>`. */
  errors: string[];
}

/** What the package's own project says about `import * as probe from '<specifier>'` in its src. */
function importFrom(pkg: Package, specifier: string): Seen {
  const configFile = join(root, 'packages', pkg, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error(`${configFile} did not parse`);
  const probe = join(root, 'packages', pkg, 'src', 'layering-probe.ts');
  const text = `import * as probe from '${specifier}';\nexport const seen = probe;\n`;
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => f === probe || fileExists(f);
  host.readFile = (f) => (f === probe ? text : readFile(f));
  host.getSourceFile = (f, lang, ...rest) => (f === probe ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, ...rest));
  // Only the probe as a root: the files its import reaches come in as the compiler finds them,
  // which is exactly how an unreferenced package gets flagged.
  const program = ts.createProgram({
    rootNames: [probe],
    options: { ...config.options, noEmit: true },
    projectReferences: config.projectReferences,
    host,
  });
  const source = program.getSourceFile(probe)!;
  const seen: Seen = { unlisted: [], errors: [] };
  for (const d of [...program.getSemanticDiagnostics(source), ...program.getSyntacticDiagnostics(source)]) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.code === 6307) seen.unlisted.push(relative(root, message.match(/File '([^']+)'/)![1]));
    // TS6305: a referenced project's declarations are not built yet (`npm run typecheck`
    // builds them); TS6059 comes with every TS6307.
    else if (d.code !== 6305 && d.code !== 6059) seen.errors.push(`TS${d.code}: ${message}`);
  }
  return seen;
}

describe('layering: what each package may import', () => {
  it.each([
    ['core', '@habitual/widgets', 'packages/widgets/src/index.ts'],
    ['core', '@habitual/sdk', 'packages/sdk/src/index.ts'],
    ['core', '@habitual/server', 'packages/server/src/index.ts'],
    ['widgets', '@habitual/sdk', 'packages/sdk/src/index.ts'],
    ['widgets', '@habitual/server', 'packages/server/src/index.ts'],
    ['sdk', '@habitual/server', 'packages/server/src/index.ts'],
    ['server', '@habitual/sdk', 'packages/sdk/src/index.ts'],
  ] as const)('%s must not import %s', (pkg, specifier, file) => {
    expect(importFrom(pkg, specifier).unlisted).toContain(file);
  });

  it.each([
    ['widgets', '@habitual/core'],
    ['sdk', '@habitual/core'],
    ['sdk', '@habitual/widgets'],
    ['server', '@habitual/core'],
  ] as const)('%s may import %s', (pkg, specifier) => {
    expect(importFrom(pkg, specifier)).toEqual({ unlisted: [], errors: [] });
  });

  it("core's insides are not an entry: widgets cannot reach core/src by package path", () => {
    const seen = importFrom('widgets', '@habitual/core/src/engine/day-keys');
    expect(seen.unlisted).toEqual([]);
    expect(seen.errors.join('\n')).toMatch(/TS2307: Cannot find module '@habitual\/core\/src\/engine\/day-keys'/);
  });
});

// A relative path into another package's folder would slip past the projects of packages that
// reference it (TypeScript allows any file of a referenced project): no source does that.
describe('layering: no relative import leaves its package', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sources(path);
      return /\.tsx?$/.test(e.name) ? [path] : [];
    });
  const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']*)'|import\(\s*'(\.[^']*)'\s*\)/g;

  it.each([...PACKAGES, 'demo'])('%s', (name) => {
    const home = name === 'demo' ? join(root, 'demo') : join(root, 'packages', name);
    const outside: string[] = [];
    for (const file of sources(join(home, 'src'))) {
      // Tests may import the shared test helpers in test/.
      const isTest = /\.test\.tsx?$|[/\\]test[/\\]|[/\\]test-[^/\\]*$/.test(file);
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = resolve(dirname(file), m[1] ?? m[2]);
        if (target.startsWith(`${home}/`)) continue;
        if (isTest && target.startsWith(`${join(root, 'test')}/`)) continue;
        outside.push(`${relative(root, file)} -> ${m[1] ?? m[2]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});

// What a package path cannot say: the collector may reach the widgets only through their pure
// registry, and only tests, the demo and the benches use the simulator (biome.jsonc).
describe('layering: imports Biome forbids', () => {
  /** Lints `code` as if it were `file` of this repository: a scratch folder whose biome.json extends ours. */
  const lint = (file: string, code: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'habitual-layering-'));
    try {
      writeFileSync(join(dir, 'biome.json'), JSON.stringify({ extends: [join(root, 'biome.jsonc')], vcs: { enabled: false } }));
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), code);
      return spawnSync(join(root, 'node_modules/.bin/biome'), ['lint', file], { cwd: dir, encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    ['packages/server/src/probe.ts', '@habitual/widgets', /may import only @habitual\/widgets\/registry/],
    ['packages/server/src/probe.ts', '@habitual/core/sim', /simulator is for tests/],
    ['packages/widgets/src/probe.ts', '@habitual/core/sim', /simulator is for tests/],
    ['packages/sdk/src/probe.ts', '@habitual/core/sim', /simulator is for tests/],
  ])('%s must not import %s', (file, specifier, message) => {
    const r = lint(file, `import * as probe from '${specifier}';\nexport const seen = probe;\n`);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(message);
  });

  it('the collector may import the registry', () => {
    const r = lint('packages/server/src/probe.ts', "import * as probe from '@habitual/widgets/registry';\nexport const seen = probe;\n");
    expect(r.stdout + r.stderr).not.toMatch(/noRestrictedImports/);
    expect(r.status).toBe(0);
  });
});
