import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The catalog package's index loads NestJS, which this unit project cannot; its config reader alone is enough.
jest.mock('@continuum/catalog', () => jest.requireActual('../../../libs/catalog/src/demo-catalog'));
import { readDemoCatalog } from '@continuum/catalog';
import { ensureDemoCatalog } from './demo-catalog';

/** A stand-in API with an existing catalog that holds only the first poverty year of config/. */
describe('ensureDemoCatalog on an existing catalog', () => {
  const years = readDemoCatalog().povertyGuidelines.map((t) => t.year);
  const posted: number[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url === '/v1/catalog/snapshot') {
          res.end(JSON.stringify({ version: 3, payers: 4, plans: 5 }));
        } else if (req.url === '/v1/poverty-guidelines' && req.method === 'GET') {
          res.end(JSON.stringify({ data: [{ year: years[0] }], nextCursor: null }));
        } else if (req.url === '/v1/poverty-guidelines' && req.method === 'POST') {
          posted.push((JSON.parse(body) as { year: number }).year);
          res.statusCode = 201;
          res.end(body);
        } else {
          res.statusCode = 500;
          res.end('{}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('adds the poverty years from config/ that the database lacks, and only those', async () => {
    const banner = await ensureDemoCatalog(url, 'key');
    expect(posted).toEqual(years.slice(1));
    expect(banner).toContain(`added poverty guidelines for ${years.slice(1).join(', ')}`);
  });
});
