/**
 * Who a client is, and how many connections it may hold: what keeps one laptop in a workshop from
 * taking the runner's slots (fair sharing in queue.ts) or its file descriptors (slowloris).
 */
import type { IncomingMessage, Server } from 'node:http';
import { isIPv4, isIPv6, type Socket } from 'node:net';

/** Defaults; `leaklab serve` flags override them. */
export const CONNECTION_LIMITS = {
  /** Below the 20,000 descriptors a process gets here, leaving room for builds and runs. */
  total: 4000,
  /** A browser opens about 6 per host; a room behind one NAT address needs more. */
  perClient: 256,
  /** Time to send the request line and headers, then the whole request. */
  headersMs: 10_000,
  requestMs: 30_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: 5_000,
};

function expandIPv6(a: string): number[] | null {
  const [head, tail = null] = a.split('::');
  if (a.split('::').length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':').map((x) => parseInt(x, 16)));
  const h = part(head);
  const t = tail === null ? [] : part(tail);
  const fill = tail === null ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array<number>(Math.max(0, fill)).fill(0), ...t];
  return all.length === 8 && all.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? all : null;
}

/**
 * One key per client: an IPv4 address, or an IPv6 /64 (what one home or one laptop gets, so an
 * attacker cannot be many clients by changing the low bits). IPv4-mapped IPv6 is its IPv4 address.
 */
export function addressKey(address: string | undefined): string {
  const a = (address ?? '')
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (isIPv4(a)) return a;
  if (isIPv6(a.replace(/%.*$/, ''))) {
    const groups = expandIPv6(a.replace(/%.*$/, ''));
    if (groups)
      return `${groups
        .slice(0, 4)
        .map((g) => g.toString(16))
        .join(':')}::/64`;
  }
  return a;
}

/**
 * The request's client. `X-Forwarded-For` is believed only when the operator says a proxy is in
 * front (`--trust-proxy`): then its last entry, the one that proxy appended, names the client.
 * Anyone can send the header, so without the flag it is ignored.
 */
export function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const raw = req.headers['x-forwarded-for'];
    const list = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',');
    const last = list[list.length - 1].trim();
    if (isIPv4(last) || isIPv6(last.replace(/^\[|\]$/g, ''))) return addressKey(last);
  }
  return addressKey(req.socket.remoteAddress);
}

export interface ConnectionLimits {
  total: number;
  /** Connections one address may hold; ignored behind a trusted proxy (every connection comes from it). */
  perClient: number;
}

/**
 * Caps open connections in all and per address, and closes a connection that sends no request
 * within the headers timeout: Node's own headersTimeout starts only with a request's first byte.
 */
export function limitConnections(server: Server, limits: ConnectionLimits, trustProxy: boolean): void {
  server.maxConnections = limits.total;
  const open = new Map<string, number>();
  const silent = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('request', (req: IncomingMessage) => clearTimeout(silent.get(req.socket)));
  server.on('connection', (socket: Socket) => {
    const key = addressKey(socket.remoteAddress);
    const n = (open.get(key) ?? 0) + 1;
    if (!trustProxy && n > limits.perClient) {
      socket.destroy();
      return;
    }
    open.set(key, n);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
    // Cleared by the first request; a request that never completes its headers is cut here too.
    const timer = setTimeout(() => socket.destroy(), CONNECTION_LIMITS.headersMs);
    timer.unref();
    silent.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
}
