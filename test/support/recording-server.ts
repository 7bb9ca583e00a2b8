import * as http from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  /** The request body, read in full. */
  body: string;
}

export type RequestHandler = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;

/** An HTTP server on 127.0.0.1 for unit tests of HTTP clients: records every request, answers with `handler`. */
export class RecordingServer {
  readonly received: ReceivedRequest[] = [];
  /** TCP connections accepted (to check keep-alive and retries). */
  connections = 0;
  handler: RequestHandler = (_request, response) => response.end('ok');
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.received.push({ method: request.method, url: request.url, headers: request.headers, body });
      this.handler(request, response, body);
    });
  });

  async start(): Promise<this> {
    this.server.on('connection', () => {
      this.connections += 1;
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path = '/'): URL {
    return new URL(`${this.baseUrl}${path}`);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
