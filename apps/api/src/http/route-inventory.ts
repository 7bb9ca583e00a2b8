import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

/**
 * Every route Fastify registers (Nest controllers, the API docs, CORS preflight, static files), recorded as
 * it is added. `GET /v1/system/routes` shows it to admins, and the access test walks it to prove that no
 * route answers without a key unless it is meant to.
 */
export class RouteInventory {
  private readonly routes: RegisteredRoute[] = [];

  attachTo(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') this.routes.push({ method, url: route.url });
      }
    });
  }

  list(): RegisteredRoute[] {
    return [...this.routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  }
}
