// Fails when the project's own modules import each other in a cycle at run time. Cycles closed only
// by `import type` are erased by the compiler, so they are listed but do not fail. Part of the lint step.
// It reads import strings with a regex rather than a parser, which is enough for this codebase:
// static `import`/`export … from`, side-effect `import '…'` and `import('…')` with a literal.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['src', 'server', 'cli', 'bin', 'scripts', 'bench', 'tests', 'e2e'];
const ROOT_FILES = ['astro.config.mjs', 'vitest.config.ts', 'playwright.config.ts', 'eslint.config.js'];
const EXTENSIONS = ['.ts', '.mjs', '.js', '.astro'];
const SKIP = new Set(['node_modules', 'fixtures', 'dist']);

const IMPORT = /(?:^|[\s;}])(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"\n]+)['"]|import\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (EXTENSIONS.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function resolveSpecifier(from, spec) {
  spec = spec.split('?')[0];
  let base;
  if (spec.startsWith('./') || spec.startsWith('../')) base = resolve(dirname(from), spec);
  else if (spec.startsWith('~/')) base = join(ROOT, 'src', spec.slice(2));
  else return null; // a package or a virtual module: not ours
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, 'index' + e))]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/** File -> files it imports. With `types: false`, `import type`/`export type` edges are left out. */
export function importGraph({ root = ROOT, types = true } = {}) {
  const files = [
    ...DIRS.flatMap((d) => (isFile(join(root, d)) ? [] : safeWalk(join(root, d)))),
    ...ROOT_FILES.map((f) => join(root, f)).filter(isFile),
  ];
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps = new Set();
    for (const m of text.matchAll(IMPORT)) {
      if (m[1] && !types) continue;
      const target = resolveSpecifier(file, m[2] ?? m[3]);
      if (target && target !== file) deps.add(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

function safeWalk(dir) {
  try {
    return walk(dir, []);
  } catch {
    return [];
  }
}

/** Strongly connected components with more than one file (Tarjan), each one an import cycle. */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const info = new Map();
  const found = [];
  const visit = (v) => {
    const node = { index, low: index, onStack: true };
    index++;
    info.set(v, node);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      const seen = info.get(w);
      if (!seen) {
        visit(w);
        node.low = Math.min(node.low, info.get(w).low);
      } else if (seen.onStack) node.low = Math.min(node.low, seen.index);
    }
    if (node.low === node.index) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        info.get(w).onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!info.has(v)) visit(v);
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const show = (graph, c, log) => {
    for (const f of c) {
      const inCycle = [...graph.get(f)].filter((d) => c.includes(d)).map((d) => relative(ROOT, d));
      log(`  ${relative(ROOT, f)} -> ${inCycle.join(', ')}`);
    }
  };
  const all = importGraph();
  const runtime = importGraph({ types: false });
  const found = cycles(runtime);
  const key = (c) => c.join('\n');
  const runtimeKeys = new Set(found.map(key));
  for (const c of cycles(all).filter((c) => !runtimeKeys.has(key(c)))) {
    console.log(`note: a cycle closed only by type imports (harmless at run time):`);
    show(all, c, console.log);
  }
  for (const c of found) {
    console.error(`import cycle among ${c.length} files:`);
    show(runtime, c, console.error);
  }
  if (found.length) process.exit(1);
  console.log(`no import cycles among ${runtime.size} files`);
}
