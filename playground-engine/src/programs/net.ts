/**
 * The socket API programs see (`ProcessContext.net`): a deliberately small model of TCP, HTTP,
 * gRPC health, ICMP echo and DNS over the simulated pod network. Clients get outcome codes
 * (refused, timeout, unreachable, reset) and format their own messages, as curl, wget and the
 * kubelet's Go prober each do differently. Implemented by `network/fabric.ts`.
 */
import type { Future } from './types';
import type { VirtualMs } from '../types';

export interface HttpRequest {
  method: string;
  /** Request target as sent (`/index.html?x=1`). */
  path: string;
  version: 'HTTP/1.0' | 'HTTP/1.1';
  headers: Array<[string, string]>;
  /** The client's address as the server sees it (after any SNAT). */
  srcIp: string;
  srcPort: number;
  /** The address the connection arrived on. */
  dstIp: string;
  dstPort: number;
  /** The request came over TLS (the listener speaks TLS and the client used https). */
  tls?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Reason phrase; the server's own wording (`Not Found`). */
  reason: string;
  headers: Array<[string, string]>;
  body: string;
}

/** How a server answers a gRPC health check; `UNIMPLEMENTED` when it has no health service. */
export type GrpcHealthStatus = 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN' | 'UNIMPLEMENTED';

export interface ListenSpec {
  /** 0: a free port of the ephemeral range (`Listener.port` says which). */
  port: number;
  /** `0.0.0.0` (default) or one of the namespace's addresses (`127.0.0.1`; `::1` on a host). */
  address?: string;
  /**
   * HTTP handler. `reply` may be called now or later (a slow server); a connection whose
   * reply never comes times out on the client side. Calling `reply(undefined)` closes the
   * connection without a response (the client sees an empty reply).
   */
  http?: (req: HttpRequest, reply: (res: HttpResponse | undefined) => void) => void;
  /**
   * gRPC health service (grpc.health.v1.Health/Check). Without it the port speaks no gRPC.
   * undefined: the connection is closed without an answer (a forwarder whose far end failed).
   */
  grpcHealth?: (service: string) => GrpcHealthStatus | undefined;
  /**
   * A plain TCP protocol (redis, memcached, mysql's greeting): one exchange per connection.
   * `data` is everything the client sent (empty when it only connected); `reply` sends the
   * server's bytes and closes; `reply(undefined)` closes without sending anything.
   */
  tcp?: (conn: TcpConn, reply: (out: string | undefined) => void) => void;
  /** Shown by `ss`/`netstat`-like views: the owning program. */
  owner?: string;
  /**
   * The port speaks TLS (a Go HTTPS server with a self-signed certificate): an https client
   * gets the handler's answer; a plain HTTP request gets Go's 400 `Client sent an HTTP request
   * to an HTTPS server.`
   */
  tls?: boolean;
}

export interface TcpConn {
  data: string;
  srcIp: string;
  srcPort: number;
}

export interface TcpCallSpec {
  ip: string;
  port: number;
  /** What the client writes before reading the answer. */
  data: string;
  /** Give up on the whole exchange after this long; default 30 s. */
  timeoutMs?: VirtualMs;
}

export type TcpOutcome =
  | { ok: true; data: string; elapsedMs: VirtualMs }
  | { ok: false; code: ConnectFailureCode | 'reset'; phase: 'connect' | 'response'; elapsedMs: VirtualMs };

export interface Listener {
  readonly address: string;
  readonly port: number;
  close(): void;
}

export type ConnectFailureCode = 'refused' | 'timeout' | 'unreachable';

export type ConnectOutcome =
  | { ok: true; elapsedMs: VirtualMs; /** Where the connection really went (after DNAT). */ peerIp: string; peerPort: number }
  | { ok: false; code: ConnectFailureCode; elapsedMs: VirtualMs };

export interface HttpCallSpec {
  ip: string;
  port: number;
  method?: string;
  path: string;
  headers: Array<[string, string]>;
  version?: 'HTTP/1.0' | 'HTTP/1.1';
  /** Give up connecting after this long (curl --connect-timeout); default: the kernel's ~127 s. */
  connectTimeoutMs?: VirtualMs;
  /** Give up on the whole exchange after this long (curl -m); 0/undefined = no limit. */
  timeoutMs?: VirtualMs;
  /** Speak TLS (https): the outcome says whether the server did (`serverTls`). */
  tls?: boolean;
}

export type HttpOutcome =
  | { ok: true; response: HttpResponse; elapsedMs: VirtualMs; peerIp: string; peerPort: number; /** The server's port speaks TLS. */ serverTls?: boolean }
  /** `phase` tells whether the connection was made: a `timeout` in `response` means connected, no answer. */
  | { ok: false; code: ConnectFailureCode | 'reset' | 'empty'; phase: 'connect' | 'response'; elapsedMs: VirtualMs };

export type GrpcOutcome =
  | { ok: true; status: GrpcHealthStatus; elapsedMs: VirtualMs }
  | { ok: false; code: ConnectFailureCode | 'not-grpc'; elapsedMs: VirtualMs };

export type PingOutcome = { ok: true; ttl: number; rttMs: number } | { ok: false; code: 'timeout' | 'unreachable' };

/** How the C library (or tool) walks the search list: glibc, musl, or busybox nslookup. */
export type ResolverStyle = 'glibc' | 'musl';

export type ResolveOutcome =
  | { ok: true; name: string; addresses: string[]; /** Names queried, in order (for nslookup). */ queried: string[]; server: string }
  | { ok: false; error: 'NXDOMAIN' | 'timeout'; queried: string[]; server: string };

export interface NetInterface {
  name: string;
  ip: string;
  prefix: number;
  mac: string;
  mtu: number;
}

export interface NetApi {
  /** The namespace's main address (the pod IP or the node IP). */
  readonly ip: string;
  interfaces(): NetInterface[];
  listen(spec: ListenSpec): Listener | { error: 'EADDRINUSE' | 'EADDRNOTAVAIL' };
  connect(ip: string, port: number, timeoutMs?: VirtualMs): Future<ConnectOutcome>;
  http(spec: HttpCallSpec): Future<HttpOutcome>;
  grpcHealth(ip: string, port: number, service: string, timeoutMs: VirtualMs): Future<GrpcOutcome>;
  /** One request/answer exchange over a plain TCP connection (redis-cli, pg_isready …). Optional: older namespaces may lack it. */
  tcp?(spec: TcpCallSpec): Future<TcpOutcome>;
  ping(ip: string, timeoutMs: VirtualMs): Future<PingOutcome>;
  /** Resolve a host name as getaddrinfo would: /etc/hosts, then DNS with the search list of /etc/resolv.conf. */
  resolve(name: string, style: ResolverStyle): Future<ResolveOutcome>;
  /** One DNS A query for an exact name (what nslookup sends), through the configured nameserver. */
  query(fqdn: string): Future<{ ok: true; addresses: string[]; server: string } | { ok: false; error: 'NXDOMAIN' | 'timeout'; server: string }>;
}
