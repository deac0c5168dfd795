/** `leaklab serve`'s options: what parses, and a clear usage error for what does not. */
import { describe, expect, it, vi } from 'vitest';
import { main, parseServeArgs } from '../../cli/serve.ts';
import { UsageError } from '../../cli/usage.ts';

function usageError(args: string[]): string {
  try {
    parseServeArgs(args);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

describe('leaklab serve options', () => {
  it('defaults to loopback, port 4321, auto backend, building the site', () => {
    expect(parseServeArgs([])).toEqual({
      host: '127.0.0.1',
      port: 4321,
      backend: 'auto',
      upstream: undefined,
      build: true,
      concurrency: undefined,
      queue: undefined,
      perClient: undefined,
      trustProxy: false,
      maxConnections: undefined,
      maxConnectionsPerClient: undefined,
      allowOrigins: [],
      allowHosts: [],
      unsafeNoSandbox: false,
    });
  });

  it('takes every option, with a space or an = before the value, and repeats the repeatable ones', () => {
    expect(
      parseServeArgs([
        '--host',
        '0.0.0.0',
        '--port=8080',
        '--backend',
        'proxy',
        '--upstream=https://play.example',
        '--no-build',
        '--concurrency',
        '0',
        '--queue',
        '5',
        '--per-client=2',
        '--trust-proxy',
        '--max-connections',
        '900',
        '--max-connections-per-client=30',
        '--allow-origin',
        'https://a.example',
        '--allow-origin=https://b.example',
        '--allow-host',
        'lab.example',
        '--unsafe-no-sandbox',
      ]),
    ).toEqual({
      host: '0.0.0.0',
      port: 8080,
      backend: 'proxy',
      upstream: 'https://play.example',
      build: false,
      // At least one program runs at a time.
      concurrency: 1,
      queue: 5,
      perClient: 2,
      trustProxy: true,
      maxConnections: 900,
      maxConnectionsPerClient: 30,
      allowOrigins: ['https://a.example', 'https://b.example'],
      allowHosts: ['lab.example'],
      unsafeNoSandbox: true,
    });
    expect(parseServeArgs(['-h'])).toBe('help');
  });

  it('refuses bad values, naming the option and the value', () => {
    expect(usageError(['--port', 'abc'])).toBe('--port needs a port number (0-65535), not "abc"');
    expect(usageError(['--port', '70000'])).toBe('--port needs a port number (0-65535), not "70000"');
    expect(usageError(['--port='])).toBe('--port needs a port number (0-65535), not ""');
    expect(usageError(['--backend', 'nope'])).toBe('--backend must be auto, local or proxy, not "nope"');
    expect(usageError(['--concurrency', '1.5'])).toBe('--concurrency needs a non-negative integer, not "1.5"');
    expect(usageError(['--queue=-1'])).toBe('--queue needs a non-negative integer, not "-1"');
    expect(usageError(['--per-client', '0'])).toBe('--per-client needs a positive integer, not 0');
    expect(usageError(['--max-connections=x'])).toBe('--max-connections needs a non-negative integer, not "x"');
    expect(usageError(['--allow-origin='])).toBe('--allow-origin needs a URL');
    expect(usageError(['--host='])).toMatch(/^--host needs an address/);
  });

  it('refuses unknown options, missing values and stray arguments', () => {
    expect(usageError(['--prot', '80'])).toContain("Unknown option '--prot'");
    expect(usageError(['--port'])).toContain("'--port <value>' argument missing");
    expect(usageError(['dist'])).toContain("Unexpected argument 'dist'");
  });

  it('prints the error and the usage to stderr and exits with 2, before starting anything', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['--backend', 'nope'])).toBe(2);
      const printed = String(err.mock.calls[0][0]);
      expect(printed).toMatch(/^leaklab serve: --backend must be auto, local or proxy, not "nope"\n\nUsage: leaklab serve /);
    } finally {
      err.mockRestore();
    }
  });
});
