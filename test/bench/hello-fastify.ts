import Fastify from 'fastify';

/** Baseline A: a bare Fastify hello-world, run as its own process on the same Node as the API. */
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/', (_request, reply) => void reply.send({ hello: 'world' }));
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
