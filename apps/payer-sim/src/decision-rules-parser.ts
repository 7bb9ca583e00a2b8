import { type DecisionRule, OUTCOMES, type RuleCondition } from './decision-rules';

export class RulesError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = new.target.name;
  }
}

const CONDITION_KEYS: Record<keyof RuleCondition, readonly string[] | null> = {
  payerCode: null,
  levelOfCare: null,
  memberIdPrefix: null,
  certificationType: ['initial', 'extension', 'cancel'],
  urgency: ['standard', 'expedited'],
};

type Check = (value: unknown) => string | null;
const text: Check = (value) => (typeof value === 'string' && value.trim() !== '' ? null : 'must be a non-empty string');
const count: Check = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? null : 'must be a whole number ≥ 0';
const positiveCount: Check = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 1 ? null : 'must be a whole number ≥ 1';
const fraction: Check = (value) =>
  typeof value === 'number' && value > 0 && value <= 1 ? null : 'must be a number above 0 and at most 1';

const RULE_KEYS: Record<Exclude<keyof DecisionRule, 'when' | 'outcome'>, Check> = {
  name: text,
  delayMs: count,
  pendForMs: count,
  approvedFraction: fraction,
  approvedUnits: count,
  validDays: positiveCount,
  reasonCode: text,
  reasonText: text,
  rejectionCode: text,
  rejectionMessage: text,
  failTimes: count,
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function conditionProblems(when: unknown, at: string): string[] {
  if (!isObject(when)) return [`${at}.when must be an object`];
  return Object.entries(when).flatMap(([key, value]) => {
    if (!(key in CONDITION_KEYS)) return [`${at}.when.${key} is not a known condition`];
    const allowed = CONDITION_KEYS[key as keyof RuleCondition];
    if (text(value) !== null) return [`${at}.when.${key} ${text(value)}`];
    return allowed === null || allowed.includes(value as string)
      ? []
      : [`${at}.when.${key} must be one of ${allowed.join(', ')}`];
  });
}

function ruleProblems(rule: unknown, at: string): string[] {
  if (!isObject(rule)) return [`${at} must be an object`];
  const problems = OUTCOMES.includes(rule.outcome as (typeof OUTCOMES)[number])
    ? []
    : [`${at}.outcome must be one of ${OUTCOMES.join(', ')}`];
  if (rule.when !== undefined) problems.push(...conditionProblems(rule.when, at));
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'when' || key === 'outcome') continue;
    const check = RULE_KEYS[key as keyof typeof RULE_KEYS] as Check | undefined;
    const problem = check === undefined ? 'is not a known rule field' : check(value);
    if (problem !== null) problems.push(`${at}.${key} ${problem}`);
  }
  return problems;
}

/**
 * Validates rules as `PUT /v1/sim/rules` and `PAYER_SIM_RULES_FILE` give them: `{ "rules": [ … ] }`. Unknown
 * fields are refused rather than ignored, so a misspelt condition cannot silently match everything.
 */
export function parseRules(document: unknown): DecisionRule[] {
  if (!isObject(document) || !Array.isArray(document.rules)) {
    throw new RulesError(['expected an object with a "rules" array']);
  }
  const rules: unknown[] = document.rules;
  const problems = rules.flatMap((rule, i) => ruleProblems(rule, `rules[${i}]`));
  if (problems.length > 0) throw new RulesError(problems);
  return rules as DecisionRule[];
}
