import type { SandboxCertificationType, SandboxSubmission } from '@continuum/payer-gateway';

export const OUTCOMES = [
  'approve',
  'partial',
  'deny',
  'pend_then_approve',
  'pend_then_deny',
  'no_auth_required',
  'reject',
  'fail',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Every field given must match (strings case-insensitively); an absent or empty `when` matches everything. */
export interface RuleCondition {
  payerCode?: string;
  levelOfCare?: string;
  memberIdPrefix?: string;
  certificationType?: SandboxCertificationType;
  urgency?: SandboxSubmission['urgency'];
}

/** One rule of the simulated payer. The first rule that matches a submission decides it. */
export interface DecisionRule {
  /** For people reading `GET /v1/sim/rules` and the logs. */
  name?: string;
  when?: RuleCondition;
  outcome: Outcome;
  /** 0: the decision is in the synchronous answer; more: a 202 now and a callback after this long. Default: `PAYER_SIM_DECISION_DELAY_MS`. */
  delayMs?: number;
  /** `pend_then_*`: time between the pend (A4) and the final decision. */
  pendForMs?: number;
  /** `partial`: share of the requested units approved (rounded down, at least 1). */
  approvedFraction?: number;
  /** `partial`: a fixed number of units approved instead (at most those requested). */
  approvedUnits?: number;
  /** `partial`: days of validity from the start date; by default the period shrinks like the units. */
  validDays?: number;
  /** `deny` / `pend_then_deny`: HCR03 reason code and its text. */
  reasonCode?: string;
  reasonText?: string;
  /** `reject`: the code and message of the 400 answer. */
  rejectionCode?: string;
  rejectionMessage?: string;
  /** `fail`: answer 503 this many times per trace number, then let the next matching rule decide. Unset: always. */
  failTimes?: number;
}

/** Pend duration when a `pend_then_*` rule names none. */
export const DEFAULT_PEND_MS = 5_000;
export const DEFAULT_PARTIAL_FRACTION = 0.5;

/** When no rule matches: approve, after the default delay. */
export const FALLBACK_RULE: DecisionRule = { name: 'fallback: approve', outcome: 'approve' };

/** The demo rules, keyed on the member id's prefix, so a demo can pick an outcome by the member id it types. */
export const DEFAULT_RULES: readonly DecisionRule[] = [
  { name: 'DENY… members are denied', when: { memberIdPrefix: 'DENY' }, outcome: 'deny' },
  { name: 'PART… members get half the units', when: { memberIdPrefix: 'PART' }, outcome: 'partial' },
  { name: 'PEND… members are pended, then approved', when: { memberIdPrefix: 'PEND' }, outcome: 'pend_then_approve' },
  {
    name: 'NOAUTH… members need no authorization',
    when: { memberIdPrefix: 'NOAUTH' },
    outcome: 'no_auth_required',
  },
  { name: 'REJECT… members are not found', when: { memberIdPrefix: 'REJECT' }, outcome: 'reject' },
  { name: 'FAIL… members meet an outage (503)', when: { memberIdPrefix: 'FAIL' }, outcome: 'fail' },
  {
    name: 'FLAKY… members meet two 503s, then approval',
    when: { memberIdPrefix: 'FLAKY' },
    outcome: 'fail',
    failTimes: 2,
  },
  { name: 'everyone else is approved', outcome: 'approve' },
];

/** What rules look at in a submission. */
export interface RuleFacts {
  payerCode: string;
  levelOfCare: string;
  memberId: string;
  certificationType: SandboxCertificationType;
  urgency: SandboxSubmission['urgency'];
}

export const factsOf = (payerCode: string, submission: SandboxSubmission): RuleFacts => ({
  payerCode,
  levelOfCare: submission.levelOfCare,
  memberId: submission.member.memberId,
  certificationType: submission.certificationType,
  urgency: submission.urgency,
});

const same = (expected: string | undefined, actual: string): boolean =>
  expected === undefined || expected.toLowerCase() === actual.toLowerCase();

export function ruleMatches(rule: DecisionRule, facts: RuleFacts): boolean {
  const when = rule.when ?? {};
  return (
    same(when.payerCode, facts.payerCode) &&
    same(when.levelOfCare, facts.levelOfCare) &&
    same(when.certificationType, facts.certificationType) &&
    same(when.urgency, facts.urgency) &&
    (when.memberIdPrefix === undefined || facts.memberId.toLowerCase().startsWith(when.memberIdPrefix.toLowerCase()))
  );
}

/**
 * The first rule matching the facts. A `fail` rule with `failTimes` that this trace number has already
 * failed that often is passed over, so the next matching rule (or the approving fallback) decides it.
 */
export function selectRule(rules: readonly DecisionRule[], facts: RuleFacts, failuresSoFar: number): DecisionRule {
  const exhausted = (rule: DecisionRule): boolean =>
    rule.outcome === 'fail' && rule.failTimes !== undefined && failuresSoFar >= rule.failTimes;
  return rules.find((rule) => ruleMatches(rule, facts) && !exhausted(rule)) ?? FALLBACK_RULE;
}
