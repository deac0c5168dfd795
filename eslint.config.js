import { builtinModules } from 'node:module';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

// Layer boundaries (ARCHITECTURE.md). Patterns match the import string as written: relative
// (`../../components/x.ts`), the `~/` alias, or a bare specifier.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/'));
const restrict = (message, regex) => ({ regex, message });
const NODE = restrict(
  'src/lib runs in the browser too: no Node built-ins here (put it in server/ or cli/).',
  `^(node:|(${nodeBuiltins.join('|')})(/|$))`,
);
const ASTRO = restrict('No astro:* virtual modules here: they only exist inside an Astro build.', '^astro:');
const COMPONENTS = restrict(
  'UI code (src/components) is a layer above this one: move the shared logic into src/lib.',
  '(^~/components/|(^|/)components/)',
);
const PAGES = restrict('Pages are the top layer: nothing imports them.', '(^~/pages/|(^|/)pages/)');
const SERVER = restrict('The server is a separate layer: share code through src/lib.', '(^|/)server/');
const CLI = restrict('The CLI is a separate layer: share code through src/lib.', '(^|/)cli/');
const DOM_PACKAGES = restrict(
  'DOM-only packages belong in src/components.',
  '^(monaco-editor|@xterm/|@shikijs/monaco|@astrojs/|astro(/|$))',
);

// Globals that exist only in a browser page. src/lib code is also run by Node (server, CLI, tests);
// where it needs storage it takes it as a parameter (see src/lib/progress/store.ts).
const DOM_GLOBALS = [
  'document',
  'window',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'customElements',
  'HTMLElement',
  'Element',
  'requestAnimationFrame',
  'getComputedStyle',
  'MutationObserver',
  'ResizeObserver',
  'IntersectionObserver',
].map((name) => ({ name, message: 'DOM-only: src/lib must run under Node as well. Keep DOM code in src/components.' }));

const restricted = (...patterns) => ['error', { patterns }];

// `globalThis.localStorage` reaches the same globals past no-restricted-globals.
const DOM_PROPERTIES = DOM_GLOBALS.map(({ name, message }) => ({ object: 'globalThis', property: name, message }));

// src/i18n is the bottom layer: every other layer reads its strings, so it imports nothing of ours.
const OURS_OUTSIDE = (up) =>
  restrict('src/i18n imports nothing of ours: everything else reads the strings, not the other way round.', `^(~/|${up})`);

export default tseslint.config(
  { ignores: ['dist/', '.astro/', '.tools/', 'node_modules/', 'test-results/', 'playwright-report/', 'tests/fixtures/', '.cache/'] },
  ...tseslint.configs.recommended,
  // .astro files: parsed (frontmatter and client <script>s, TypeScript included) so the layer rules
  // below reach them too; the globs match them like any other file in the folder.
  ...astro.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': restricted(NODE, ASTRO, COMPONENTS, PAGES, SERVER, CLI, DOM_PACKAGES),
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
      'no-restricted-properties': ['error', ...DOM_PROPERTIES],
    },
  },
  {
    files: ['src/i18n/*.ts'],
    rules: { 'no-restricted-imports': restricted(OURS_OUTSIDE('\\.\\./')) },
  },
  {
    files: ['src/i18n/strings/**'],
    rules: { 'no-restricted-imports': restricted(OURS_OUTSIDE('\\.\\./\\.\\./')) },
  },
  {
    files: ['server/**'],
    rules: { 'no-restricted-imports': restricted(ASTRO, COMPONENTS, PAGES, CLI, DOM_PACKAGES) },
  },
  {
    files: ['cli/**'],
    rules: { 'no-restricted-imports': restricted(ASTRO, COMPONENTS, PAGES, DOM_PACKAGES) },
  },
  {
    files: ['src/components/**'],
    rules: { 'no-restricted-imports': restricted(PAGES, SERVER, CLI) },
  },
  {
    // Pages are built into the static site: they reach the runner over HTTP, never its code.
    files: ['src/pages/**'],
    rules: { 'no-restricted-imports': restricted(PAGES, SERVER, CLI) },
  },
  // Type-aware rules on every TypeScript file. .astro files and their client scripts (the virtual
  // `X.astro/1.ts` the Astro processor extracts) are not in the TypeScript project; `astro check`
  // type-checks them instead, and a project-service parse of a virtual file fails.
  {
    files: ['**/*.ts'],
    ignores: ['**/*.astro/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
