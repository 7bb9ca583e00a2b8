/**
 * What makes a payer's answer believable, whoever brings it (staff recording a phone answer, a JSON callback,
 * an X12 278). Pure: the caller says what "now" is and, when it knows the request, what was asked.
 */

/** How far ahead of our clock a decision time may be (the payer's clock may run a little fast). */
export const DECISION_CLOCK_SKEW_MS = 5 * 60_000;

/** HCR01 actions that certify services: each needs the payer's certification number (HCR02 / REF*BB). */
const CERTIFYING_ACTIONS: ReadonlySet<string> = new Set(['A1', 'A2', 'A6']);

export interface DecisionFacts {
  action: string;
  authorizationNumber?: string | null;
  approvedUnits?: number | null;
  /** YYYY-MM-DD. */
  validFrom?: string | null;
  /** YYYY-MM-DD. */
  validTo?: string | null;
  decidedAt?: Date | null;
  /** How precisely `decidedAt` is known, in ms (1000 for a whole-second webhook timestamp); default 1. */
  decidedAtPrecisionMs?: number | null;
  /** The caller confirms the payer granted more units than were asked. */
  exceedsRequested?: boolean | null;
}

/** What was asked of the payer, for the checks that need it. */
export interface AskedFacts {
  /** When we received the request: nothing was decided before it. */
  receivedAt: Date;
  /** Units this answer decides: the initial request's, or the extension's additional units. */
  requestedUnits: number;
  /** YYYY-MM-DD: the first day asked for. */
  requestedStart: string;
  /** A number the payer gave earlier (an extension keeps it). */
  authorizationNumber: string | null;
}

export interface DecisionProblem {
  field: string;
  messages: string[];
}

/**
 * Why this answer cannot be recorded, field by field (empty when it can). Without `asked`, only what the
 * answer alone shows: a decision time in the future, a period that ends before it starts.
 */
export function decisionProblems(decision: DecisionFacts, now: Date, asked?: AskedFacts): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, messages: [message] });
  const decidedAt = decision.decidedAt ?? null;
  if (decidedAt !== null && decidedAt.getTime() > now.getTime() + DECISION_CLOCK_SKEW_MS) {
    problem('decidedAt', `decidedAt ${decidedAt.toISOString()} is in the future (now is ${now.toISOString()})`);
  }
  const precision = decision.decidedAtPrecisionMs ?? 1;
  const before = (a: Date, b: Date) => Math.floor(a.getTime() / precision) < Math.floor(b.getTime() / precision);
  if (decidedAt !== null && asked !== undefined && before(decidedAt, asked.receivedAt)) {
    problem(
      'decidedAt',
      `decidedAt ${decidedAt.toISOString()} is before the request was received (${asked.receivedAt.toISOString()})`,
    );
  }
  if (!CERTIFYING_ACTIONS.has(decision.action)) return problems;
  // An extension's approval may leave out the number it already has, so this needs the request.
  if (asked !== undefined && !decision.authorizationNumber && !asked.authorizationNumber) {
    problem('authorizationNumber', `authorizationNumber is required to certify services (action ${decision.action})`);
  }
  const { validFrom, validTo } = decision;
  if (validFrom && validTo && validTo < validFrom) {
    problem('validTo', `validTo ${validTo} is before validFrom ${validFrom}`);
  } else if (validTo && asked !== undefined && validTo < asked.requestedStart) {
    problem('validTo', `validTo ${validTo} is before the first day asked for (${asked.requestedStart})`);
  }
  const units = decision.approvedUnits ?? null;
  if (units !== null && asked !== undefined && units > asked.requestedUnits && decision.exceedsRequested !== true) {
    problem(
      'approvedUnits',
      `approvedUnits ${units} is more than the ${asked.requestedUnits} asked for; set exceedsRequested: true if the payer really granted more`,
    );
  }
  return problems;
}

/** One line naming every problem, for an event row or a payer event's outcome. */
export function describeDecisionProblems(problems: readonly DecisionProblem[]): string {
  return problems.map((p) => p.messages.join('; ')).join('; ');
}
