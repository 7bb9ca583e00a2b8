import { pino } from 'pino';
import { build278Request, parse278Request, parse278Response } from '@continuum/x12';
import { request278 } from '../../../libs/x12/src/testing/request-278.factory';
import { CallbackSender } from './callback-sender';
import { DEFAULT_RULES, type DecisionRule } from './decision-rules';
import { PayerSimulator, type SimIds, type SubmissionAnswer } from './payer-simulator';
import { SimScheduler } from './sim-scheduler';
import { SubmissionStore } from './submission-store';
import { memberId, submission } from './testing/submission.factory';
import { submissionFrom278, X12Responder } from './x12-translation';

const logger = pino({ level: 'silent' });

function simulator(rules: readonly DecisionRule[] = DEFAULT_RULES, defaultDelayMs = 0) {
  const store = new SubmissionStore();
  const scheduler = new SimScheduler();
  // No callback URL: callbacks are recorded as skipped, which is all these tests need to see.
  const callbacks = new CallbackSender({ callbackUrl: null, webhookSecrets: new Map(), scheduler, logger });
  let sequence = 0;
  const ids: SimIds = {
    payerReference: () => `PR-${++sequence}`,
    authorizationNumber: (payerCode) => `${payerCode}-AUTH-${++sequence}`,
  };
  const x12 = new X12Responder(() => new Date('2026-11-23T09:30:00Z'));
  const sim = new PayerSimulator({ store, scheduler, callbacks, x12, logger, rules, defaultDelayMs, ids });
  return { sim, store, scheduler };
}

const accepted = (answer: SubmissionAnswer) => {
  if (answer.kind !== 'accepted') throw new Error(`expected acceptance, got ${answer.kind}`);
  return answer;
};

describe('PayerSimulator', () => {
  afterEach(() => jest.useRealTimers());

  it('dedupes by trace number per payer: a resend gets the same receipt, marked duplicate, and creates nothing', () => {
    const { sim, store } = simulator();
    const first = accepted(sim.submit('BPH', submission()));
    const again = accepted(sim.submit('BPH', submission()));
    expect(first.status).toBe(200);
    expect(first.receipt).toMatchObject({ payerReference: 'PR-1', duplicate: false, decision: { action: 'A1' } });
    expect(again.receipt).toEqual({ ...first.receipt, duplicate: true });
    expect(again.record).toMatchObject({ deliveries: 2, created: true });
    // The same trace number at another payer is another request.
    expect(accepted(sim.submit('AET', submission())).receipt.duplicate).toBe(false);
    expect(store.stats()).toMatchObject({ traceNumbers: 2, created: 2, deliveries: 3, duplicates: 1 });
  });

  it('answers 503 while a flaky payer fails, then decides on the retry, counting every delivery', () => {
    const { sim, store } = simulator();
    const flaky = submission(memberId('FLAKY-1'));
    expect(sim.submit('BPH', flaky).kind).toBe('unavailable');
    expect(sim.submit('BPH', flaky).kind).toBe('unavailable');
    const third = accepted(sim.submit('BPH', flaky));
    expect(third.receipt).toMatchObject({ payerReference: 'PR-1', duplicate: false, decision: { action: 'A1' } });
    expect(store.find(flaky.traceNumber)).toMatchObject({ deliveries: 3, created: true, failuresServed: 2 });
    expect(store.stats()).toMatchObject({ failures: 2, created: 1 });
  });

  it('rejects without creating anything', () => {
    const { sim, store } = simulator();
    const answer = sim.submit('BPH', submission(memberId('REJECT-9')));
    expect(answer).toMatchObject({ kind: 'rejected', rejection: { code: 'member_not_found' } });
    expect(store.find('CT-20261122-0001')).toMatchObject({ created: false, deliveries: 1, decision: null });
  });

  it('answers 202 and decides later when the rule has a delay; a resend meanwhile is still 202', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
    const { sim, store, scheduler } = simulator([{ outcome: 'deny', delayMs: 2_000 }]);
    const receipt = accepted(sim.submit('BPH', submission()));
    expect(receipt).toMatchObject({ status: 202, receipt: { decision: null, duplicate: false } });
    expect(accepted(sim.submit('BPH', submission())).status).toBe(202);
    jest.advanceTimersByTime(2_000);
    const record = store.find('CT-20261122-0001');
    expect(record?.decision).toMatchObject({ action: 'A3', decidedAt: '2026-11-23T10:00:02.000Z' });
    expect(record?.callbacks).toEqual([expect.objectContaining({ type: 'preauth.decision', status: 'skipped' })]);
    expect(scheduler.pending).toBe(0);
    expect(accepted(sim.submit('BPH', submission())).receipt).toMatchObject({
      duplicate: true,
      decision: { action: 'A3' },
    });
  });

  it('pends at once, then approves by callback', () => {
    jest.useFakeTimers();
    const { sim, store } = simulator([{ outcome: 'pend_then_approve', pendForMs: 1_000 }]);
    expect(accepted(sim.submit('BPH', submission())).receipt.decision?.action).toBe('A4');
    jest.advanceTimersByTime(1_000);
    const record = store.find('CT-20261122-0001');
    expect(record?.decision?.action).toBe('A1');
    expect(record?.callbacks.map((c) => c.type)).toEqual(['preauth.decision']);
  });

  it('extends and cancels an authorization it issued, and refuses one it did not', () => {
    const { sim } = simulator();
    const authorizationNumber = accepted(sim.submit('BPH', submission())).receipt.decision?.authorizationNumber ?? null;
    const extension = submission({
      traceNumber: 'T-2',
      certificationType: 'extension',
      authorizationNumber,
      requestedUnits: 10,
    });
    expect(accepted(sim.submit('BPH', extension)).receipt.decision).toMatchObject({
      action: 'A1',
      authorizationNumber,
      approvedUnits: 10,
    });
    const cancel = submission({ traceNumber: 'T-3', certificationType: 'cancel', authorizationNumber });
    expect(accepted(sim.submit('BPH', cancel)).receipt.decision).toMatchObject({ action: 'C', authorizationNumber });
    const elsewhere = sim.submit('AET', { ...extension, traceNumber: 'T-4' });
    expect(elsewhere).toMatchObject({ kind: 'rejected', rejection: { code: 'authorization_not_found' } });
  });

  it('reset forgets submissions and cancels what was still due', () => {
    jest.useFakeTimers();
    const { sim, store, scheduler } = simulator([{ outcome: 'approve', delayMs: 5_000 }]);
    sim.submit('BPH', submission());
    sim.reset();
    expect(scheduler.pending).toBe(0);
    expect(store.find('CT-20261122-0001')).toBeUndefined();
    expect(accepted(sim.submit('BPH', submission())).receipt.duplicate).toBe(false);
  });

  it('decides an X12 request like a JSON one, and answers it in a 278 that parse278Response reads', () => {
    const { sim } = simulator();
    const request = parse278Request(
      build278Request(request278({ subscriber: { ...request278().subscriber, memberId: 'PART-1' } })),
    );
    const answer = accepted(sim.submit('BPH', submissionFrom278(request), request));
    const text = new X12Responder().respond(request, answer.record.payerReference, {
      decision: answer.receipt.decision!,
    });
    expect(parse278Response(text)).toMatchObject({
      traceNumber: 'CT-20261122-0001',
      decision: 'partially_approved',
      approvedUnits: 12,
      validFrom: '2026-12-01',
      validTo: '2026-12-27',
    });
    expect(answer.record.format).toBe('x12');
  });
});

describe('submissionFrom278', () => {
  it('maps the 278 onto the JSON contract: level of care from the revenue code, units, dates, certification type', () => {
    const request = request278({
      event: { ...request278().event, certificationType: '4', authorizationNumber: 'A-9', expedited: true },
    });
    expect(submissionFrom278(request)).toMatchObject({
      traceNumber: 'CT-20261122-0001',
      certificationType: 'extension',
      authorizationNumber: 'A-9',
      urgency: 'expedited',
      levelOfCare: 'iop',
      member: { memberId: 'W123456789' },
      requestedUnits: 24,
      unitType: 'day',
      startDate: '2026-12-01',
      endDate: '2027-01-22',
      deliveryPattern: { daysPerWeek: 3, weeks: 8 },
    });
    const outpatient = request278({ lines: [{ procedureCode: '90837', units: 6, unitType: 'UN' }] });
    expect(submissionFrom278(outpatient)).toMatchObject({
      levelOfCare: 'outpatient',
      requestedUnits: 6,
      unitType: 'unit',
    });
  });
});
