// The declarations tsc writes for the SDK import the private workspace packages by name
// (`@habitual/core`), which a customer's project cannot resolve: point them at the
// declarations emitted next to them instead.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const types = join(import.meta.dirname, '..', 'dist', 'types');
const targets = {
  '@habitual/core': join(types, 'core/src/index'),
  '@habitual/widgets': join(types, 'widgets/src/index'),
  '@habitual/widgets/registry': join(types, 'widgets/src/registry'),
};

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (path.endsWith('.d.ts')) {
      const before = readFileSync(path, 'utf8');
      const after = before.replace(/(['"])(@habitual\/(?:core|widgets(?:\/registry)?))\1/g, (_, q, name) => {
        const rel = relative(dirname(path), targets[name]);
        return `${q}${rel.startsWith('.') ? rel : `./${rel}`}.js${q}`;
      });
      if (after !== before) writeFileSync(path, after);
    }
  }
}
walk(types);
