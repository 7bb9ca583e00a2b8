import { connect } from 'node:net';

/** A server the end-to-end suites need, and how a person gets one running. */
export interface RequiredService {
  name: string;
  url: string;
  /** The variable that points the suites at another server. */
  variable: string;
  defaultPort: number;
  howToStart: string;
}

export const testServices = (databaseUrl: string, redisUrl: string): RequiredService[] => [
  {
    name: 'PostgreSQL',
    url: databaseUrl,
    variable: 'TEST_DATABASE_URL',
    defaultPort: 5432,
    howToStart: 'start it with `pg_ctlcluster <version> main start` (Debian) or `.ci/run`, which starts it',
  },
  {
    name: 'Redis',
    url: redisUrl,
    variable: 'TEST_REDIS_URL',
    defaultPort: 6379,
    howToStart: 'start it with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379` or `.ci/run`',
  },
];

/** Resolves with the connection error's code, or null when something accepts connections there. */
const probe = (host: string, port: number, timeoutMs: number): Promise<string | null> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve('no answer');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

/**
 * Checks every service before the suites use it, so a missing one is reported by name with how to start it,
 * instead of a bare ECONNREFUSED from deep inside a driver. Throws one error listing all that are missing.
 */
export async function requireServices(services: RequiredService[], timeoutMs = 3_000): Promise<void> {
  const missing: string[] = [];
  for (const service of services) {
    const url = new URL(service.url);
    const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = url.port === '' ? service.defaultPort : Number(url.port);
    const failure = await probe(host, port, timeoutMs);
    if (failure !== null) {
      missing.push(
        `${service.name} is not reachable at ${host}:${port} (${failure}): ${service.howToStart}, ` +
          `or set ${service.variable} to a running server`,
      );
    }
  }
  if (missing.length > 0) {
    throw new Error(`The end-to-end tests need PostgreSQL and Redis.\n  - ${missing.join('\n  - ')}`);
  }
}
