import { createServer, type Server } from 'node:net';
import { findFreePort } from '../../../common/src/process/free-port';
import { requireServices, testServices } from './test-services';

describe('requireServices', () => {
  let listening: Server;
  let openPort: number;
  beforeAll(async () => {
    listening = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    openPort = (listening.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => listening.close(() => resolve())));

  it('passes when every service accepts connections', async () => {
    const url = `127.0.0.1:${openPort}`;
    await expect(requireServices(testServices(`postgres://postgres@${url}/postgres`, `redis://${url}`))).resolves.toBe(
      undefined,
    );
  });

  it('names the missing service, where it was looked for and how to start it', async () => {
    const closedPort = await findFreePort();
    const services = testServices(
      `postgres://postgres@127.0.0.1:${closedPort}/postgres`,
      `redis://127.0.0.1:${openPort}`,
    );
    const error = await requireServices(services).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`PostgreSQL is not reachable at 127.0.0.1:${closedPort} (ECONNREFUSED)`);
    expect(message).toContain('pg_ctlcluster');
    expect(message).toContain('TEST_DATABASE_URL');
    expect(message).not.toContain('Redis is not reachable');
  });
});
