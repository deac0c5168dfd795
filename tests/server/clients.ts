/** Requests from a chosen loopback address (127.0.0.2 is another client than 127.0.0.1), for the fairness and connection tests. */
import { request } from 'node:http';
import type { CompileResponse } from '../../src/lib/runner/protocol.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: CompileResponse & { error?: string; code?: string };
}

export function compileFrom(base: string, body: string, from: string, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL('/api/compile', base);
  const form = new URLSearchParams({ version: '2', body, withVet: 'false' }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(form)), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) as Answer['json'] });
          } catch (e) {
            reject(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)}: ${String(e)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(form);
  });
}

/** A program that blocks in a system call for the whole run, as the red team's did: killed at the run timeout. */
export function blocker(tag: string): string {
  return `package main\n\nimport (\n\t"fmt"\n\t"syscall"\n)\n\nfunc main() {\n\tfmt.Println("${tag}")\n\tsyscall.Pause()\n}\n`;
}
