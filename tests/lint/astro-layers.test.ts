/**
 * The layer rules reach .astro files: a component or page that imports the server (in its
 * frontmatter or in a client script) is rejected by the same ESLint config `npm run lint` uses.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** Lints `text` as if it were the file `path` (nothing is written to the tree). */
async function lint(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, path) });
  return result.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('ESLint on .astro files', () => {
  it('rejects a component that imports the server in its frontmatter', async () => {
    const messages = await lint(
      'src/components/LintProbe.astro',
      "---\nimport { startServer } from '../../server/index.ts';\nconst s = String(startServer);\n---\n<p>{s}</p>\n",
    );
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*The server is a separate layer/)]);
  });

  it('rejects a page that imports the CLI from a client script', async () => {
    const messages = await lint(
      'src/pages/lint-probe.astro',
      "---\n---\n<p>probe</p>\n<script>\n  import { main } from '../../cli/main.ts';\n  main();\n</script>\n",
    );
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*The CLI is a separate layer/)]);
  });

  it('accepts the same component importing src/lib', async () => {
    const messages = await lint(
      'src/components/LintProbe.astro',
      "---\nimport { escapeHtml } from '../lib/text/escape.ts';\nconst s = escapeHtml('<b>');\n---\n<p>{s}</p>\n",
    );
    expect(messages).toEqual([]);
  });
});
