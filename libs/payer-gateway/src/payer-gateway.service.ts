import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@continuum/config';
import { OutboundUrlPolicy } from '@continuum/outbound';
import { ManualGatewayAdapter } from './manual.adapter';
import type { GatewayOutcome, GatewaySubmission, PayerConnection, PayerGatewayAdapter } from './payer-gateway.types';
import { SandboxGatewayAdapter } from './sandbox.adapter';
import { X12GatewayAdapter } from './x12.adapter';

/** The PostgreSQL sequence of X12 interchange control numbers (1..999999999, cycling). */
export const X12_CONTROL_NUMBER_SEQUENCE = 'x12_interchange_control_number';

/**
 * Sends a pre-authorization request to its payer the way the catalog says the payer is reached
 * (`connectionType`): the sandbox JSON contract, X12 278 over HTTP, or not at all (manual).
 */
@Injectable()
export class PayerGateway {
  private readonly adapters: ReadonlyMap<PayerConnection, PayerGatewayAdapter>;

  constructor(config: AppConfig, @InjectDataSource() dataSource: DataSource, urlPolicy: OutboundUrlPolicy) {
    const { sandboxPayerUrl, payerTimeoutMs: timeoutMs, x12 } = config.preauth;
    const adapters: PayerGatewayAdapter[] = [
      new SandboxGatewayAdapter({ sandboxPayerUrl, timeoutMs, urlPolicy }),
      new X12GatewayAdapter({
        sandboxPayerUrl,
        timeoutMs,
        urlPolicy,
        senderId: x12.senderId,
        usage: x12.usage,
        nextControlNumber: async () => {
          const rows: unknown = await dataSource.query(`SELECT nextval('${X12_CONTROL_NUMBER_SEQUENCE}') AS n`);
          return controlNumberOf(rows);
        },
      }),
      new ManualGatewayAdapter(),
    ];
    this.adapters = new Map(adapters.map((adapter) => [adapter.connection, adapter]));
  }

  /**
   * One attempt at delivering `submission`. Throws a RetryableGatewayError when it is worth another
   * attempt, a RefusedDestinationError when the endpoint's address is refused; any other error is a bug.
   */
  submit(submission: GatewaySubmission): Promise<GatewayOutcome> {
    const adapter = this.adapters.get(submission.payer.connectionType);
    if (adapter === undefined) {
      return Promise.reject(
        new Error(`no gateway adapter for connection type ${String(submission.payer.connectionType)}`),
      );
    }
    return adapter.submit(submission);
  }
}

/** `nextval` comes back from pg as a bigint string. */
function controlNumberOf(rows: unknown): number {
  const first: unknown = Array.isArray(rows) ? rows[0] : undefined;
  const raw = typeof first === 'object' && first !== null ? (first as { n?: unknown }).n : undefined;
  const n = Number(raw);
  if ((typeof raw !== 'string' && typeof raw !== 'number') || !Number.isSafeInteger(n) || n < 1 || n > 999_999_999) {
    throw new Error(`${X12_CONTROL_NUMBER_SEQUENCE} returned no usable control number`);
  }
  return n;
}
