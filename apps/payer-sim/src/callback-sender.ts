import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { SandboxCallbackType } from '@continuum/payer-gateway';
import type { SimScheduler } from './sim-scheduler';
import type { CallbackRecord } from './submission-store';

/** A callback's body as sent: JSON (`application/json`) or a 278 response (`application/edi-x12`). */
export interface CallbackContent {
  body: string;
  contentType: string;
}

export interface CallbackTarget {
  payerCode: string;
  traceNumber: string;
  type: SandboxCallbackType;
}

export interface CallbackSenderOptions {
  /** Base URL of Continuum's API; null: callbacks are skipped. */
  callbackUrl: string | null;
  webhookSecrets: ReadonlyMap<string, string>;
  scheduler: SimScheduler;
  logger: Logger;
  /** Waits before each retry; its length + 1 is the number of attempts. */
  retryDelaysMs?: readonly number[];
  attemptTimeoutMs?: number;
}

/** Exponential backoff: 5 attempts within about 4 seconds, short enough for demos and tests. */
export const CALLBACK_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000] as const;
const ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * Delivers callbacks to Continuum, signed per Standard Webhooks with the payer's secret (the reference
 * implementation signs, as an independent payer would). A failure (no answer, or not 2xx) is retried with
 * backoff; every attempt is counted on the callback's record. Never throws: a callback nobody receives is
 * the receiver's problem, and it is recorded.
 */
export class CallbackSender {
  private readonly shutdown = new AbortController();
  private readonly retryDelaysMs: readonly number[];
  private readonly attemptTimeoutMs: number;

  constructor(private readonly options: CallbackSenderOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? CALLBACK_RETRY_DELAYS_MS;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
  }

  /** Starts delivering; the returned record follows the delivery as it goes. */
  send(target: CallbackTarget, content: CallbackContent): CallbackRecord {
    const callback: CallbackRecord = {
      webhookId: `msg_${randomUUID()}`,
      type: target.type,
      status: 'pending',
      attempts: 0,
      lastStatusCode: null,
    };
    const secret = this.options.webhookSecrets.get(target.payerCode);
    const log = { payerCode: target.payerCode, traceNumber: target.traceNumber, type: target.type };
    const { callbackUrl } = this.options;
    if (callbackUrl === null || secret === undefined) {
      callback.status = 'skipped';
      const reason =
        callbackUrl === null
          ? 'PAYER_SIM_CALLBACK_URL is not set'
          : 'PAYER_SIM_WEBHOOK_SECRETS has no secret for this payer';
      this.options.logger.warn({ ...log, reason }, 'callback skipped');
      return callback;
    }
    const url = `${callbackUrl}/v1/webhooks/payers/${encodeURIComponent(target.payerCode)}`;
    void this.attempt(url, new Webhook(secret), content, callback, log);
    return callback;
  }

  /** Aborts attempts in flight; retries still waiting are the scheduler's to cancel. */
  stop(): void {
    this.shutdown.abort();
  }

  private async attempt(
    url: string,
    webhook: Webhook,
    content: CallbackContent,
    callback: CallbackRecord,
    log: Record<string, string>,
  ): Promise<void> {
    callback.attempts += 1;
    const sentAt = new Date();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': content.contentType,
          'user-agent': 'continuum-payer-sim',
          'webhook-id': callback.webhookId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': webhook.sign(callback.webhookId, sentAt, content.body),
        },
        body: content.body,
        signal: AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.attemptTimeoutMs)]),
      });
      await response.body?.cancel();
      callback.lastStatusCode = response.status;
      if (response.ok) {
        callback.status = 'delivered';
        this.options.logger.info(
          { ...log, attempts: callback.attempts, statusCode: response.status },
          'callback delivered',
        );
        return;
      }
    } catch (error) {
      if (this.shutdown.signal.aborted) return;
      callback.lastStatusCode = null;
      this.options.logger.debug({ ...log, err: error }, 'callback attempt got no answer');
    }
    const retryDelayMs = this.retryDelaysMs[callback.attempts - 1];
    const outcome = { ...log, attempts: callback.attempts, statusCode: callback.lastStatusCode };
    if (retryDelayMs === undefined) {
      callback.status = 'failed';
      this.options.logger.warn(outcome, 'callback failed; giving up');
      return;
    }
    this.options.logger.info({ ...outcome, retryInMs: retryDelayMs }, 'callback failed; retrying');
    this.options.scheduler.schedule(retryDelayMs, () => void this.attempt(url, webhook, content, callback, log));
  }
}
