import type { AuthorizationUnitType } from './preauth-request';

/**
 * The most units one service date can hold, by unit type: a day is a day; sessions and 15-minute billing
 * units are bounded by what one day can hold (4 sessions; 96 quarter hours).
 */
export const UNITS_PER_DATE_CAP: Readonly<Record<AuthorizationUnitType, number>> = Object.freeze({
  day: 1,
  session: 4,
  unit: 96,
});

export interface UtilizationFacts {
  unitType: AuthorizationUnitType;
  units: number;
  approvedUnits: number;
  /** Units already used (standing entries). */
  usedUnits: number;
}

/**
 * Whether `units` can be recorded on one date: `impossible` names why it never can (more than a date holds);
 * `overBy` is how many units it would take beyond the authorization (0: within it), which needs the caller's
 * explicit confirmation. Pure.
 */
export function checkUtilization(facts: UtilizationFacts): { impossible: string | null; overBy: number } {
  const cap = UNITS_PER_DATE_CAP[facts.unitType];
  const impossible =
    facts.units > cap
      ? `units must be at most ${cap} per date for an authorization counted in ${facts.unitType}s`
      : null;
  const overBy = Math.max(0, facts.usedUnits + facts.units - Math.max(facts.approvedUnits, facts.usedUnits));
  return { impossible, overBy };
}
