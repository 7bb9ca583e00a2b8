import autocannon from 'autocannon';
import type { CpuShare } from './cpu';

/** One kind of HTTP request the load generator sends, and the status every answer must have. */
export interface LoadSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called for every request: unique idempotency keys, fresh signatures. */
  perRequest?: (headers: Record<string, string>) => { headers: Record<string, string>; body?: string };
  expectStatus: number;
}

/** What one measured run gave. Latencies in milliseconds. */
export interface RunStats {
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  latencyAverage: number;
  total: number;
  durationSeconds: number;
  errors: number;
  non2xx: number;
  /** 2xx answers other than the expected status (a 200 replay where a 202 was due, say). */
  unexpectedStatus: number;
  statusCodes: Record<string, number>;
  /** CPU milliseconds per request by process during the run (see CpuMeter); measured runs only. */
  cpu?: CpuShare;
}

export type LoadAmount = { durationSeconds: number } | { amount: number };

export async function runLoad(
  baseUrl: string,
  spec: LoadSpec,
  connections: number,
  size: LoadAmount,
): Promise<RunStats> {
  const headers = { 'content-type': 'application/json', ...spec.headers };
  const perRequest = spec.perRequest;
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    ...('amount' in size ? { amount: size.amount } : { duration: size.durationSeconds }),
    timeout: 10,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        headers,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        ...(perRequest === undefined
          ? {}
          : {
              setupRequest: (request) => {
                const next = perRequest(headers);
                return { ...request, headers: next.headers, ...(next.body === undefined ? {} : { body: next.body }) };
              },
            }),
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  const unexpectedStatus = Object.entries(statusCodes)
    .filter(([code]) => Number(code) >= 200 && Number(code) < 300 && Number(code) !== spec.expectStatus)
    .reduce((sum, [, count]) => sum + count, 0);
  const total = result.requests.total;
  return {
    // Duration runs: autocannon's per-second average, as its own table shows; fixed amounts: total ÷ elapsed.
    requestsPerSecond: 'amount' in size ? total / result.duration : result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    latencyAverage: result.latency.average,
    total,
    durationSeconds: result.duration,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    unexpectedStatus,
    statusCodes,
  };
}
