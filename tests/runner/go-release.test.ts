// The Go release reaches every server one way (goReleaseUrl + withGoBackend): the client and the
// server's proxy both use it, so both know that the public Playground serves goprev on its own host.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/lib/runner/client.ts';
import { goReleaseUrl, PLAYGROUND_URL } from '../../src/lib/runner/protocol.ts';

function recording() {
  const seen: { url: string; body: string }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, body: String(init.body ?? '') });
    return new Response(JSON.stringify({ Body: '', Error: '' }), { status: 200 });
  }) as unknown as typeof globalThis.fetch;
  return { seen, fetch };
}

describe('goReleaseUrl', () => {
  it('calls the public Playground on the release’s own host, any other server with backend= in the query', () => {
    expect(goReleaseUrl(PLAYGROUND_URL, '/compile', 'goprev')).toBe('https://goprevplay.golang.org/compile');
    expect(goReleaseUrl(PLAYGROUND_URL, '/compile')).toBe(`${PLAYGROUND_URL}/compile`);
    expect(goReleaseUrl('http://h/api', '/fmt', 'goprev')).toBe('http://h/api/fmt?backend=goprev');
  });
});

describe('the client asks for a Go release', () => {
  for (const [target, baseUrl, want] of [
    ['server', 'http://h', 'http://h/api/fmt?backend=goprev'],
    ['playground', undefined, 'https://goprevplay.golang.org/fmt'],
    ['playground', 'https://go.example/_', 'https://go.example/_/fmt?backend=goprev'],
  ] as const) {
    it(`${target} ${baseUrl ?? '(default)'}: ${want}, and in the form`, async () => {
      const { seen, fetch } = recording();
      await createClient({ target, baseUrl, fetch }).fmt('package main', false, { goBackend: 'goprev' });
      expect(seen[0]!.url).toBe(want);
      expect(new URLSearchParams(seen[0]!.body).get('backend')).toBe('goprev');
    });
  }
});
