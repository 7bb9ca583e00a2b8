import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * What the proxy does to traffic. `pass` forwards; `latency` delays every chunk in both directions;
 * `blackhole` accepts and reads but never forwards nor answers (a dead peer or a dropped route); `reset`
 * answers every connection with a TCP RST.
 */
export type FaultMode = { kind: 'pass' } | { kind: 'latency'; ms: number } | { kind: 'blackhole' } | { kind: 'reset' };

interface Link {
  client: Socket;
  upstream: Socket | undefined;
}

/**
 * A TCP proxy between a process and one of its dependencies (a payer, PostgreSQL), whose behaviour a drill
 * switches at run time. Switching to `reset` also resets the connections already open, as a restarted peer
 * or a firewall would; `blackhole` silently stops forwarding on them too.
 */
export class FaultProxy {
  private mode: FaultMode = { kind: 'pass' };
  private readonly links = new Set<Link>();
  private readonly server: Server;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  /** Listens on a free loopback port and forwards to `target` (`host:port`). */
  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy(target.host, target.port);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the fault proxy is not listening');
    return address.port;
  }

  get connections(): number {
    return this.links.size;
  }

  setMode(mode: FaultMode): void {
    this.mode = mode;
    if (mode.kind === 'reset') for (const link of this.links) this.drop(link);
  }

  async close(): Promise<void> {
    for (const link of this.links) this.drop(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const link: Link = { client, upstream: undefined };
    this.links.add(link);
    client.on('error', () => this.drop(link));
    client.on('close', () => this.drop(link));
    if (this.mode.kind === 'reset') return this.drop(link);
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    link.upstream = upstream;
    upstream.on('error', () => this.drop(link));
    upstream.on('close', () => this.drop(link));
    client.on('data', (chunk: Buffer) => this.forward(chunk, upstream));
    upstream.on('data', (chunk: Buffer) => this.forward(chunk, client));
  }

  private forward(chunk: Buffer, to: Socket): void {
    const mode = this.mode;
    // Blackholed bytes are read (so the sender's writes succeed) and thrown away.
    if (mode.kind === 'blackhole' || mode.kind === 'reset') return;
    if (mode.kind === 'latency') setTimeout(() => to.destroyed || to.write(chunk), mode.ms);
    else to.write(chunk);
  }

  private drop(link: Link): void {
    if (!this.links.delete(link)) return;
    // RST rather than FIN: the peer sees ECONNRESET, as after a crash, not a polite close.
    for (const socket of [link.client, link.upstream])
      if (socket !== undefined && !socket.destroyed) socket.resetAndDestroy();
  }
}
