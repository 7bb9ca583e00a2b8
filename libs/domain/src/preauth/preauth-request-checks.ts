import { addDays, daysBetween } from '../date-only';
import { type LevelOfCare, levelOfCare } from '../levels-of-care';
import type { AuthorizationUnitType } from './preauth-request';

/**
 * How far from today a pre-auth request's dates may be: a request is for care starting soon (or that
 * started a little while ago: retro requests within a month), never years away.
 */
export const PREAUTH_DATE_BOUNDS = Object.freeze({
  /** The earliest date of birth accepted. */
  earliestBirthDate: '1900-01-01',
  /** requestedStartDate at most this many days before today… */
  startDaysBack: 30,
  /** …and this many days after it. */
  startDaysAhead: 180,
  /** requestedEndDate at most this many days after today. */
  endDaysAhead: 365,
});

export interface PreauthRequestFacts {
  dateOfBirth: string;
  levelOfCare: LevelOfCare;
  serviceLines: readonly { procedureCode: string; units: number; unitType: AuthorizationUnitType }[];
  deliveryPattern?: { daysPerWeek: number; weeks: number } | null;
  requestedStartDate: string;
  requestedEndDate: string;
  /** The caller confirms procedure codes that are not usual for the level of care. */
  procedureCodesConfirmed?: boolean | null;
}

export interface RequestProblem {
  field: string;
  messages: string[];
}

/**
 * What makes a request implausible, field by field, judged against `today` (YYYY-MM-DD, from the caller's
 * clock): `invalid` can never be right (400); `unusualCodes` may be right, and needs the caller's
 * confirmation (`procedureCodesConfirmed`) to go through. Pure.
 */
export function preauthRequestProblems(
  request: PreauthRequestFacts,
  today: string,
): { invalid: RequestProblem[]; unusualCodes: RequestProblem[] } {
  const invalid: RequestProblem[] = [];
  const problem = (field: string, message: string) => invalid.push({ field, messages: [message] });
  const bounds = PREAUTH_DATE_BOUNDS;
  if (request.dateOfBirth > today)
    problem('patient.dateOfBirth', `patient.dateOfBirth must not be after today (${today})`);
  if (request.dateOfBirth < bounds.earliestBirthDate) {
    problem('patient.dateOfBirth', `patient.dateOfBirth must not be before ${bounds.earliestBirthDate}`);
  }
  const earliestStart = addDays(today, -bounds.startDaysBack);
  const latestStart = addDays(today, bounds.startDaysAhead);
  if (request.requestedStartDate < earliestStart || request.requestedStartDate > latestStart) {
    problem(
      'requestedStartDate',
      `requestedStartDate must be from ${earliestStart} to ${latestStart} (${bounds.startDaysBack} days back to ${bounds.startDaysAhead} days ahead)`,
    );
  }
  const latestEnd = addDays(today, bounds.endDaysAhead);
  if (request.requestedEndDate > latestEnd) {
    problem('requestedEndDate', `requestedEndDate must not be after ${latestEnd} (${bounds.endDaysAhead} days ahead)`);
  }
  const pattern = request.deliveryPattern ?? null;
  if (pattern !== null && request.requestedEndDate >= request.requestedStartDate) {
    const periodDays = daysBetween(request.requestedStartDate, request.requestedEndDate) + 1;
    const dayUnits = request.serviceLines
      .filter((line) => line.unitType === 'day')
      .reduce((sum, line) => sum + line.units, 0);
    const patternDays = pattern.daysPerWeek * pattern.weeks;
    if (dayUnits > patternDays) {
      problem(
        'deliveryPattern',
        `deliveryPattern gives ${patternDays} days, fewer than the ${dayUnits} days asked for`,
      );
    } else if ((pattern.weeks - 1) * 7 >= periodDays) {
      problem(
        'deliveryPattern',
        `deliveryPattern runs ${pattern.weeks} weeks, longer than the ${periodDays}-day period`,
      );
    }
  }
  const usual = levelOfCare(request.levelOfCare).serviceCodes.procedureCodes;
  const unusualCodes =
    usual.length === 0 || request.procedureCodesConfirmed === true
      ? []
      : request.serviceLines.flatMap((line, index) =>
          usual.includes(line.procedureCode)
            ? []
            : [
                {
                  field: `serviceLines.${index}.procedureCode`,
                  messages: [
                    `${line.procedureCode} is not a usual procedure code for ${request.levelOfCare} (${usual.join(', ')}); send procedureCodesConfirmed: true if it is right`,
                  ],
                },
              ],
        );
  return { invalid, unusualCodes };
}
