import type {
  SandboxCallbackType,
  SandboxDecision,
  SandboxRejection,
  SandboxSubmission,
} from '@continuum/payer-gateway';
import type { Request278 } from '@continuum/x12';

export type SubmissionFormat = 'json' | 'x12';
export type CallbackStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

/** One callback and how its delivery went (the same `webhookId` across retries). */
export interface CallbackRecord {
  webhookId: string;
  type: SandboxCallbackType;
  status: CallbackStatus;
  attempts: number;
  /** HTTP status of the last attempt; null before one, or when it got no answer. */
  lastStatusCode: number | null;
}

/** What the payer knows about one trace number. */
export interface SubmissionRecord {
  readonly traceNumber: string;
  readonly payerCode: string;
  /** The payer's own reference, fixed at the first delivery, so every resend gets the same one. */
  readonly payerReference: string;
  readonly format: SubmissionFormat;
  readonly submission: SandboxSubmission;
  /** The 278 request as received, whose parties a 278 response echoes; null for JSON. */
  readonly x12Request: Request278 | null;
  /** HTTP deliveries of this trace number, resends and refused ones included. */
  deliveries: number;
  /** Whether the payer took the request on (0 or 1 request per trace number, however often it came). */
  created: boolean;
  /** 503 answers given so far, for `fail` rules with `failTimes`. */
  failuresServed: number;
  /** The latest decision issued (a pend is replaced by the final decision). */
  decision: SandboxDecision | null;
  rejection: SandboxRejection | null;
  callbacks: CallbackRecord[];
}

export interface NewDelivery {
  payerCode: string;
  submission: SandboxSubmission;
  format: SubmissionFormat;
  x12Request: Request278 | null;
}

export interface SimStats {
  traceNumbers: number;
  created: number;
  deliveries: number;
  duplicates: number;
  rejections: number;
  failures: number;
  /** Latest decision per created request, by HCR action, plus those still without one. */
  decisions: Record<string, number>;
  callbacks: Record<CallbackStatus, number> & { attempts: number };
}

const emptyCounters = (): { deliveries: number; duplicates: number; rejections: number; failures: number } => ({
  deliveries: 0,
  duplicates: 0,
  rejections: 0,
  failures: 0,
});

/** The sandbox's whole memory: submissions per payer and trace number, authorizations, counters. */
export class SubmissionStore {
  private readonly submissions = new Map<string, Map<string, SubmissionRecord>>();
  /** `payerCode` → authorization numbers issued, which extensions and cancellations may name. */
  private readonly authorizations = new Map<string, Set<string>>();
  private counters = emptyCounters();

  /** Counts a delivery and returns the trace number's record, creating it on its first delivery. */
  receive(delivery: NewDelivery, newPayerReference: () => string): SubmissionRecord {
    this.counters.deliveries += 1;
    const byTrace = this.submissions.get(delivery.payerCode) ?? new Map<string, SubmissionRecord>();
    this.submissions.set(delivery.payerCode, byTrace);
    const traceNumber = delivery.submission.traceNumber;
    const record = byTrace.get(traceNumber) ?? {
      ...delivery,
      traceNumber,
      payerReference: newPayerReference(),
      deliveries: 0,
      created: false,
      failuresServed: 0,
      decision: null,
      rejection: null,
      callbacks: [],
    };
    record.deliveries += 1;
    byTrace.set(traceNumber, record);
    return record;
  }

  /** A trace number's record at a payer, or at whichever payer has it when none is named. */
  find(traceNumber: string, payerCode?: string): SubmissionRecord | undefined {
    if (payerCode !== undefined) return this.submissions.get(payerCode)?.get(traceNumber);
    for (const byTrace of this.submissions.values()) {
      const record = byTrace.get(traceNumber);
      if (record !== undefined) return record;
    }
    return undefined;
  }

  addAuthorization(payerCode: string, authorizationNumber: string): void {
    const issued = this.authorizations.get(payerCode) ?? new Set<string>();
    issued.add(authorizationNumber);
    this.authorizations.set(payerCode, issued);
  }

  hasAuthorization(payerCode: string, authorizationNumber: string | null): boolean {
    return authorizationNumber !== null && (this.authorizations.get(payerCode)?.has(authorizationNumber) ?? false);
  }

  count(event: 'duplicates' | 'rejections' | 'failures'): void {
    this.counters[event] += 1;
  }

  stats(): SimStats {
    const records = [...this.submissions.values()].flatMap((byTrace) => [...byTrace.values()]);
    const created = records.filter((record) => record.created);
    const callbacks = records.flatMap((record) => record.callbacks);
    const decisions: Record<string, number> = {};
    for (const record of created) {
      const key = record.decision?.action ?? 'undecided';
      decisions[key] = (decisions[key] ?? 0) + 1;
    }
    const byStatus = (status: CallbackStatus): number => callbacks.filter((c) => c.status === status).length;
    return {
      traceNumbers: records.length,
      created: created.length,
      ...this.counters,
      decisions,
      callbacks: {
        pending: byStatus('pending'),
        delivered: byStatus('delivered'),
        failed: byStatus('failed'),
        skipped: byStatus('skipped'),
        attempts: callbacks.reduce((sum, c) => sum + c.attempts, 0),
      },
    };
  }

  clear(): void {
    this.submissions.clear();
    this.authorizations.clear();
    this.counters = emptyCounters();
  }
}
