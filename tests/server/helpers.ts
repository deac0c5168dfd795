/** Shared by the server tests: form posts like the Playground's own client sends. */
import type { CompileResponse } from '../../src/lib/runner/protocol.ts';

export async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function compile(base: string, body: string, withVet = true): Promise<{ res: Response; json: CompileResponse }> {
  const res = await postForm(`${base}/api/compile`, { version: '2', body, withVet: String(withVet) });
  const json = (await res.json()) as CompileResponse;
  return { res, json };
}

export function out(json: CompileResponse, kind?: 'stdout' | 'stderr'): string {
  return (json.Events ?? [])
    .filter((e) => !kind || e.Kind === kind)
    .map((e) => e.Message)
    .join('');
}

/** Go source with `main` body `body` and the given imports. */
export function prog(imports: string[], body: string, extra = ''): string {
  const imp = imports.length ? `import (\n${imports.map((i) => `\t"${i}"\n`).join('')})\n\n` : '';
  return `package main\n\n${imp}func main() {\n${body}\n}\n${extra}`;
}
