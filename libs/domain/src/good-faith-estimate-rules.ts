import { addBusinessDays, businessDaysBetween } from './business-days';

/**
 * When a Good Faith Estimate is due (45 CFR 149.610(b)(1)(vi)): scheduled at least 3 business days ahead,
 * within 1 business day of scheduling; at least 10 business days ahead, within 3 business days; requested
 * without scheduling, within 3 business days of the request. Scheduled fewer than 3 business days ahead, no
 * estimate is required (one may still be given).
 */
export function goodFaithEstimateDueDate(
  input: { scheduledDate: string; scheduledOn: string } | { requestedOn: string },
): { dueDate: string | null; rule: string } {
  if ('requestedOn' in input) {
    return {
      dueDate: addBusinessDays(input.requestedOn, 3),
      rule: 'requested without scheduling: within 3 business days',
    };
  }
  const ahead = businessDaysBetween(input.scheduledOn, input.scheduledDate, 10);
  if (ahead >= 10)
    return {
      dueDate: addBusinessDays(input.scheduledOn, 3),
      rule: 'scheduled 10 or more business days ahead: within 3 business days',
    };
  if (ahead >= 3)
    return {
      dueDate: addBusinessDays(input.scheduledOn, 1),
      rule: 'scheduled 3 to 9 business days ahead: within 1 business day',
    };
  return { dueDate: null, rule: 'scheduled fewer than 3 business days ahead: no estimate is required' };
}

/** A National Provider Identifier: 10 digits whose last is the Luhn check digit over the prefix 80840 and the first 9. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits[digits.length - 1 - i] ?? 0;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/** The threshold above which a patient may dispute a bill (any one provider's bill over its estimate). */
export const GFE_DISPUTE_THRESHOLD_CENTS = 40_000;
export const GFE_DISPUTE_WINDOW_DAYS = 120;

export const GOOD_FAITH_ESTIMATE_DISCLAIMERS: readonly string[] = [
  'You have the right to receive a “Good Faith Estimate” explaining how much your medical care will cost. Under the law, health care providers need to give patients who don’t have insurance or who are not using insurance an estimate of the bill for medical items and services.',
  'This Good Faith Estimate shows the costs of items and services that are reasonably expected for your health care needs for an item or service. The estimate is based on information known at the time the estimate was created.',
  'The Good Faith Estimate does not include any unknown or unexpected costs that may arise during treatment. You could be charged more if complications or special circumstances occur. If this happens, federal law allows you to dispute (appeal) the bill.',
  'If you are billed for more than this Good Faith Estimate, you have the right to dispute the bill. You may contact the health care provider or facility listed to let them know the billed charges are higher than the Good Faith Estimate. You can ask them to update the bill to match the Good Faith Estimate, ask to negotiate the bill, or ask if there is financial assistance available.',
  'You may also start a dispute resolution process with the U.S. Department of Health and Human Services (HHS). If you choose to use the dispute resolution process, you must start the dispute process within 120 calendar days (about 4 months) of the date on the original bill. You can use it if you are billed at least $400 more than this Good Faith Estimate by any one provider or facility.',
  'There is a $25 fee to use the dispute process. If the agency reviewing your dispute agrees with you, you will have to pay the price on this Good Faith Estimate. If the agency disagrees with you and agrees with the health care provider or facility, you will have to pay the higher amount.',
  'To learn more and get a form to start the process, go to www.cms.gov/nosurprises or call 1-800-985-3059.',
  'This Good Faith Estimate is not a contract and does not require you to obtain the items or services listed. Keep a copy of it in a safe place or take pictures of it; you may need it if you are billed a higher amount.',
  'Items and services that are reasonably expected but must be scheduled separately are listed below and are not included in the estimated total.',
];
