import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { ServiceUnderTest } from './service-process';

export interface RunningPayerSim {
  url: string;
  process: ServiceUnderTest;
}

const LISTENING = /^\{.*"msg":"payer sim listening".*\}$/m;

/**
 * Starts the compiled payer sim on a free port (unless `PAYER_SIM_PORT` is given) and waits for its
 * `payer sim listening` line, which carries the URL. Keep `LOG_LEVEL` at `info` or below: that line is info.
 */
export async function startPayerSim(env: NodeJS.ProcessEnv = {}): Promise<RunningPayerSim> {
  const sim = new ServiceUnderTest('payer-sim', {
    PAYER_SIM_PORT: '0',
    PAYER_SIM_HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...env,
  });
  const [line] = await sim.waitForOutput(LISTENING);
  const { url } = JSON.parse(line) as { url: string };
  return { url, process: sim };
}

export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for Continuum's webhook endpoint: it keeps what it receives and answers what it is told to. */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  /** The status to answer each callback with (200 unless a test says otherwise). */
  answer: (callback: ReceivedCallback) => number = () => 200;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const callback = {
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(callback);
        response.writeHead(this.answer(callback)).end();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the receiver has no port');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Callbacks whose body mentions the trace number (JSON and X12 alike carry it). */
  for(traceNumber: string): ReceivedCallback[] {
    return this.received.filter((callback) => callback.body.includes(traceNumber));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
