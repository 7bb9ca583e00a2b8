import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  SandboxCallback,
  SandboxCallbackType,
  SandboxDecision,
  SandboxReceipt,
  SandboxRejection,
  SandboxSubmission,
} from '@continuum/payer-gateway';
import type { Request278 } from '@continuum/x12';
import type { CallbackContent, CallbackSender } from './callback-sender';
import { type PlannedDecision, planDecision } from './decision-plan';
import { type DecisionRule, factsOf, selectRule } from './decision-rules';
import type { SimScheduler } from './sim-scheduler';
import type { SubmissionRecord, SubmissionStore } from './submission-store';
import type { X12Responder } from './x12-translation';

/** The answer to one delivery, for the HTTP layer to render as JSON or X12. */
export type SubmissionAnswer =
  | { kind: 'accepted'; status: 200 | 202; receipt: SandboxReceipt; record: SubmissionRecord }
  | { kind: 'rejected'; rejection: SandboxRejection; record: SubmissionRecord }
  | { kind: 'unavailable' };

export interface SimIds {
  payerReference(): string;
  authorizationNumber(payerCode: string): string;
}

const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex').toUpperCase();

export const RANDOM_IDS: SimIds = {
  payerReference: () => `PR-${randomHex(5)}`,
  authorizationNumber: (payerCode) => `${payerCode.toUpperCase()}-AUTH-${randomHex(5)}`,
};

export interface PayerSimulatorOptions {
  store: SubmissionStore;
  scheduler: SimScheduler;
  callbacks: CallbackSender;
  x12: X12Responder;
  logger: Logger;
  rules: readonly DecisionRule[];
  defaultDelayMs: number;
  clock?: () => Date;
  ids?: SimIds;
}

/**
 * The simulated payer: takes a submission (JSON, or X12 already turned into the same shape), dedupes it by
 * trace number, lets the first matching rule decide, answers at once or later by signed callback.
 */
export class PayerSimulator {
  private rules: readonly DecisionRule[];
  private readonly clock: () => Date;
  private readonly ids: SimIds;

  constructor(private readonly options: PayerSimulatorOptions) {
    this.rules = options.rules;
    this.clock = options.clock ?? (() => new Date());
    this.ids = options.ids ?? RANDOM_IDS;
  }

  get currentRules(): readonly DecisionRule[] {
    return this.rules;
  }

  replaceRules(rules: readonly DecisionRule[]): void {
    this.rules = rules;
  }

  /** Forgets every submission, authorization and counter, and cancels decisions and callbacks still due. */
  reset(): void {
    this.options.scheduler.cancelAll();
    this.options.store.clear();
  }

  /**
   * The payer withdraws an authorization it granted: a `preauth.cancelled` callback (HCR01 `C`) goes out now,
   * with `lastCoveredDay` as its `validTo` when given. Undefined when the submission holds no approval.
   */
  revoke(
    traceNumber: string,
    payerCode: string | undefined,
    lastCoveredDay: string | null,
  ): SandboxDecision | undefined {
    const record = this.options.store.find(traceNumber, payerCode);
    const granted = record?.decision ?? null;
    if (record === undefined || granted === null || (granted.action !== 'A1' && granted.action !== 'A2'))
      return undefined;
    const revocation: PlannedDecision = {
      afterMs: 0,
      type: 'preauth.cancelled',
      decision: {
        action: 'C',
        authorizationNumber: granted.authorizationNumber,
        approvedUnits: null,
        unitType: null,
        validFrom: null,
        validTo: lastCoveredDay,
        reasonCode: null,
        reasonText: 'Authorization revoked by the payer',
      },
    };
    this.issue(record, revocation, true);
    return record.decision ?? undefined;
  }

  submit(payerCode: string, submission: SandboxSubmission, x12Request: Request278 | null = null): SubmissionAnswer {
    const { store, logger } = this.options;
    const format = x12Request === null ? 'json' : 'x12';
    const record = store.receive({ payerCode, submission, format, x12Request }, () => this.ids.payerReference());
    const log = { payerCode, traceNumber: record.traceNumber, format, deliveries: record.deliveries };
    if (record.created) {
      // A resend: the same request, the same answer (with whatever was decided since), nothing new.
      store.count('duplicates');
      logger.info(log, 'duplicate submission');
      return this.accepted(record, true);
    }
    const rule = selectRule(this.rules, factsOf(payerCode, submission), record.failuresServed);
    const plan = planDecision(submission, rule, {
      defaultDelayMs: this.options.defaultDelayMs,
      newAuthorizationNumber: () => this.ids.authorizationNumber(payerCode),
      authorizationKnown: store.hasAuthorization(payerCode, submission.authorizationNumber),
    });
    logger.info({ ...log, rule: rule.name ?? rule.outcome, plan: plan.kind }, 'submission received');
    switch (plan.kind) {
      case 'fail':
        record.failuresServed += 1;
        store.count('failures');
        return { kind: 'unavailable' };
      case 'reject':
        record.rejection = plan.rejection;
        store.count('rejections');
        return { kind: 'rejected', rejection: plan.rejection, record };
      case 'decide': {
        record.created = true;
        record.rejection = null;
        const [first, ...later] = plan.steps;
        if (first !== undefined && first.afterMs === 0) this.issue(record, first, false);
        else if (first !== undefined) later.unshift(first);
        for (const step of later) this.options.scheduler.schedule(step.afterMs, () => this.issue(record, step, true));
        return this.accepted(record, false);
      }
    }
  }

  private accepted(record: SubmissionRecord, duplicate: boolean): SubmissionAnswer {
    return {
      kind: 'accepted',
      status: record.decision === null ? 202 : 200,
      receipt: {
        traceNumber: record.traceNumber,
        payerReference: record.payerReference,
        decision: record.decision,
        duplicate,
      },
      record,
    };
  }

  /** Issues a planned decision: it becomes the record's decision, and is called back unless answered in the response. */
  private issue(record: SubmissionRecord, step: PlannedDecision, callBack: boolean): void {
    const decision = { ...step.decision, decidedAt: this.clock().toISOString() };
    record.decision = decision;
    const { action, authorizationNumber } = decision;
    if ((action === 'A1' || action === 'A2') && authorizationNumber !== null) {
      this.options.store.addAuthorization(record.payerCode, authorizationNumber);
    }
    this.options.logger.info(
      { payerCode: record.payerCode, traceNumber: record.traceNumber, action, callBack },
      'decision issued',
    );
    if (!callBack) return;
    const target = { payerCode: record.payerCode, traceNumber: record.traceNumber, type: step.type };
    record.callbacks.push(this.options.callbacks.send(target, this.callbackContent(record, step.type, decision)));
  }

  /** JSON submissions are called back in JSON; X12 ones with a 278 response, as their sender speaks it. */
  private callbackContent(
    record: SubmissionRecord,
    type: SandboxCallbackType,
    decision: SandboxDecision,
  ): CallbackContent {
    if (record.x12Request !== null) {
      return {
        body: this.options.x12.respond(record.x12Request, record.payerReference, { decision }),
        contentType: 'application/edi-x12',
      };
    }
    const callback: SandboxCallback = {
      type,
      data: { traceNumber: record.traceNumber, payerReference: record.payerReference, ...decision },
    };
    return { body: JSON.stringify(callback), contentType: 'application/json' };
  }
}
