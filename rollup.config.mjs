// One build for everything the browser loads (and the collector's bundles).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { minify } from 'terser';

const sdkDist = 'packages/sdk/dist';

/**
 * One TypeScript program serves every bundle below. The plugin would otherwise build a
 * program (and emit every file) once per bundle; here the first bundle's buildStart emits
 * all of packages/\*\/src and demo/src once, the later bundles read from that emit, and the
 * last bundle's buildEnd closes the program. Transpile only (`noCheck`): types are checked
 * once by `npm run typecheck` (part of `npm test`), and a type error in one package must not
 * stop the other bundles from building (`noEmitOnError: false`).
 */
function sharedTypescript() {
  const plugin = typescript({
    tsconfig: './tsconfig.base.json',
    compilerOptions: { noEmit: false, declaration: false, sourceMap: true, types: [], noCheck: true },
    include: ['packages/*/src/**/*.ts', 'packages/*/src/**/*.tsx', 'demo/src/**/*.ts'],
    exclude: ['**/*.test.ts', '**/*.test.tsx'],
    noEmitOnError: false,
  });
  let users = 0;
  let started = false;
  return () => {
    users++;
    return {
      ...plugin,
      buildStart(options) {
        if (started) return;
        started = true;
        return plugin.buildStart.call(this, options);
      },
      buildEnd() {
        if (--users === 0) return plugin.buildEnd.call(this);
      },
    };
  };
}

const ts = sharedTypescript();

const min = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 2 },
  });

const browser = () => [nodeResolve({ browser: true, extensions: ['.ts', '.tsx', '.mjs', '.js'] }), ts()];

/** The async snippet: minified from packages/sdk/src/snippet.js into dist/snippet.html. */
function snippet() {
  return {
    name: 'habitual-snippet',
    async generateBundle() {
      const source = readFileSync('packages/sdk/src/snippet.js', 'utf8');
      const { code } = await minify(source, { ecma: 2015, toplevel: false, compress: { passes: 2 } });
      const html = `<script>\n${code.trim()}\nhabitual('init', { appId: 'YOUR_APP_ID', writeKey: 'YOUR_WRITE_KEY' });\n</script>\n`;
      mkdirSync(sdkDist, { recursive: true });
      writeFileSync(`${sdkDist}/snippet.html`, html);
      writeFileSync(`${sdkDist}/snippet.min.js`, `${code.trim()}\n`);
    },
  };
}

/**
 * The dashboard's one stylesheet, dist/admin.css: uPlot's own styles, then the dashboard's
 * (packages/server/src/admin/dashboard.css). A file, not inline styles, so the admin CSP needs no
 * 'unsafe-inline' for styles.
 */
function adminCss() {
  return {
    name: 'habitual-admin-css',
    buildStart() {
      this.addWatchFile('packages/server/src/admin/dashboard.css');
    },
    generateBundle() {
      const uplot = readFileSync('node_modules/uplot/dist/uPlot.min.css', 'utf8');
      const own = readFileSync('packages/server/src/admin/dashboard.css', 'utf8');
      mkdirSync('packages/server/dist', { recursive: true });
      writeFileSync(
        'packages/server/dist/admin.css',
        `/* uPlot ${JSON.parse(readFileSync('node_modules/uplot/package.json', 'utf8')).version} (MIT) */\n${uplot.trim()}\n${own}`,
      );
    },
  };
}

export default [
  // Script tag: loader + core, no Preact. Widgets arrive later through import().
  {
    input: 'packages/sdk/src/habitual-iife.ts',
    output: { file: `${sdkDist}/habitual.js`, format: 'iife', sourcemap: true, inlineDynamicImports: true },
    plugins: [...browser(), min(), snippet()],
  },
  // npm / ESM users. The widgets stay the separate habitual-widgets.js, imported relatively,
  // so the app's bundler makes them a lazy chunk of its own.
  {
    input: 'packages/sdk/src/index.ts',
    external: ['@habitual/widgets'],
    output: {
      file: `${sdkDist}/habitual.mjs`,
      format: 'es',
      sourcemap: true,
      inlineDynamicImports: true,
      paths: { '@habitual/widgets': './habitual-widgets.js' },
    },
    plugins: [...browser(), min()],
  },
  // The keeper, everything off the hot path (engine, profile, sync): loaded by habitual.js when idle.
  {
    input: 'packages/sdk/src/keeper-chunk.ts',
    output: { file: `${sdkDist}/habitual-engine.js`, format: 'es', sourcemap: true },
    plugins: [...browser(), min()],
  },
  // The lazily loaded widgets: habitual-widgets.js is the shell (Preact, mount,
  // hub, launcher, overlay, i18n), and each widget's view is its own habitual-widget-<id>.js,
  // which the shell imports (relative to itself) only when that widget is on.
  {
    input: { 'habitual-widgets': 'packages/widgets/src/index.ts' },
    // The shell may export more than its public API: the widget chunks import from it.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: sdkDist,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'habitual-widget-[name].js',
      manualChunks: widgetChunk,
    },
    plugins: [...browser(), min()],
  },
  // @habitual/react: the bindings as one unminified module (the app's bundler minifies);
  // React and the SDK stay the app's own.
  {
    input: 'packages/react/src/index.ts',
    external: ['react', '@habitual/sdk'],
    output: { file: 'packages/react/dist/habitual-react.mjs', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ extensions: ['.ts'] }), ts()],
  },
  // --- collector (packages/server) entries below ---
  // The collector as one node module: repo code bundled, every installed package external.
  {
    input: 'packages/server/src/server.ts',
    output: { file: 'packages/server/dist/server.mjs', format: 'es', sourcemap: true },
    external: collectorExternal,
    plugins: [nodeResolve({ preferBuiltins: true, extensions: ['.ts', '.mjs', '.js'] }), ts()],
  },
  // The admin dashboard (Preact), served by the collector at /admin.
  {
    input: 'packages/server/src/admin/main.tsx',
    output: { file: 'packages/server/dist/admin.js', format: 'es', sourcemap: true },
    plugins: [...browser(), min(), adminCss()],
  },
  // The config editor's live preview (/admin/preview, framed by the dashboard): core and the real widgets.
  {
    input: 'packages/server/src/admin/preview/preview-main.ts',
    output: { file: 'packages/server/dist/admin-preview.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [...browser(), min()],
  },
  // --- demo entries below ---
  // The demo's seeder for node (demo/start.mjs): core's simulator and the seeding over HTTP.
  {
    input: 'demo/src/seed.ts',
    output: { file: 'demo/dist/seed.mjs', format: 'es', sourcemap: true },
    external: (id) => id.startsWith('node:') || builtinModules.includes(id),
    plugins: [nodeResolve({ preferBuiltins: true, extensions: ['.ts', '.mjs', '.js'] }), ts()],
  },
];

/**
 * A module in a widget's folder (`packages/widgets/src/<id>/`, but not its registry entry
 * `widget.ts`, which the shell reads) goes into that widget's chunk; everything else into
 * the shell, so no chunk is shared between widgets but the shell itself.
 */
function widgetChunk(id) {
  const path = id.replaceAll('\\', '/');
  // Anchored cards (nudges, the checklist's "show me") and Floating UI: a chunk of their own,
  // fetched with the nudges or when a "show me" first opens, so the shell stays small.
  if (/\/node_modules\/@floating-ui\/|\/packages\/widgets\/src\/host\/(popover\.tsx|anchor\.ts|watch-target\.ts)$/.test(path)) return 'popover';
  const folder = /\/packages\/widgets\/src\/([\w-]+)\/([\w.-]+)$/.exec(path);
  return folder && folder[1] !== 'host' && folder[2] !== 'widget.ts' ? folder[1] : 'habitual-widgets';
}

// Hoisted (a function declaration) because the collector entries above use it.
function collectorExternal(id) {
  if (id.startsWith('node:') || builtinModules.includes(id)) return true;
  return !(id.startsWith('.') || id.startsWith('/') || id.startsWith('\0') || id.startsWith('@habitual/'));
}
