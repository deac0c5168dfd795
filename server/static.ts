/** Serves the built site from dist/: MIME types, index.html for directories, the 404 page, cache headers. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.go': 'text/plain; charset=utf-8',
  '.txtar': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.gz': 'application/gzip',
  '.pb': 'application/octet-stream',
  // Pagefind's index chunks are binary (gzip-compressed) data fetched by its own loader.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function fileStat(p: string) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

function send(req: IncomingMessage, res: ServerResponse, file: string, size: number, status: number, cache: string): void {
  res.writeHead(status, {
    'Content-Type': mimeType(file),
    'Content-Length': String(size),
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, distDir: string, pathname: string): Promise<void> {
  const root = path.resolve(distDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '\0';
  }
  // Normalise first, then insist the result stays inside dist/: no `..`, no encoded slashes tricks.
  const normal = path.posix.normalize('/' + decoded);
  const target = path.resolve(root, '.' + normal);
  if (decoded.includes('\0') || (target !== root && !target.startsWith(root + path.sep))) return notFound(req, res, root);

  let file = target;
  let st = await fileStat(file);
  if (st?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      const q = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      res.writeHead(301, { Location: localLocation(normal) + q });
      res.end();
      return;
    }
    file = path.join(file, 'index.html');
    st = await fileStat(file);
  } else if (!st && !path.extname(file)) {
    // `/learn/foo` built as `learn/foo.html` (file format builds).
    const html = await fileStat(file + '.html');
    if (html?.isFile()) {
      file += '.html';
      st = html;
    }
  }
  if (!st || !st.isFile()) return notFound(req, res, root);
  const hashed = pathname.startsWith('/_astro/');
  send(req, res, file, st.size, 200, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * The directory's own path with a slash, built from the normalised path and encoded segment by
 * segment: never `//host` or `/\\host` (which browsers follow to another site) nor a scheme.
 */
export function localLocation(normal: string): string {
  const segments = normal.split('/').filter((p) => p !== '');
  return '/' + segments.map((p) => encodeURIComponent(p) + '/').join('');
}

async function notFound(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  const page = path.join(root, '404.html');
  const st = await fileStat(page);
  if (st?.isFile()) return send(req, res, page, st.size, 404, 'no-cache');
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(req.method === 'HEAD' ? undefined : 'Not found\n');
}
