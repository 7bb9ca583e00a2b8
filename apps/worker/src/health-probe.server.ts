import { createServer, type Server } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@continuum/config';
import { JobWorkerHost } from '@continuum/queue';

/**
 * The worker's only HTTP surface, for orchestrators: `/health/live` (the event loop answers) and
 * `/health/ready` (database reachable and every BullMQ worker connected and running).
 */
@Injectable()
export class HealthProbeServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthProbeServer.name);
  private server: Server | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly workerHost: JobWorkerHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.worker.healthPort;
    if (port === 0) return;
    const server = createServer((request, response) => {
      const reply = (status: number, body: object): void => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (request.method !== 'GET') return reply(405, { status: 'method_not_allowed' });
      if (request.url === '/health/live') return reply(200, { status: 'ok' });
      if (request.url === '/health/ready') {
        void this.isReady().then((ready) => reply(ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable' }));
        return;
      }
      return reply(404, { status: 'not_found' });
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.http.host, () => resolveListen());
    });
    this.server = server;
    this.logger.log({ port }, 'worker health probe listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolveClose) => (this.server ? this.server.close(() => resolveClose()) : resolveClose()));
  }

  private async isReady(): Promise<boolean> {
    if (!this.workerHost.isRunning()) return false;
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
