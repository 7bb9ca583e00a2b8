import { type IopProgramRule } from '../iop-program';
import { bandFor, DEFAULT_SLIDING_SCALE_BANDS } from '../sliding-scale';
import { priceSelfPay, type SelfPayPricingInput } from './price-self-pay';

/*
 * Self-pay IOP priced by the program rule: $150 per session day, never below $3,600 nor above $9,000.
 * The household is at 150% of poverty: the default policy's 133–166% band, a 50% discount.
 *
 * 36 days: 36 × 15,000 = 540,000¢ (inside 360,000–900,000) → gross 540,000¢.
 * Discount 50% × 540,000 = 270,000¢ → patient 270,000¢ ($2,700). Charge 36 × 45,000 = 1,620,000¢.
 */
describe('Self-pay IOP: program rule and sliding scale at 150% of poverty', () => {
  const rule: IopProgramRule = {
    perSessionDayCents: 15_000,
    programMinimumCents: 360_000,
    programMaximumCents: 900_000,
  };
  const course = (units: number, povertyPercent: number): SelfPayPricingInput => ({
    units,
    chargeCentsPerUnit: 45_000,
    cashCentsPerUnit: 20_000,
    programRule: rule,
    band: bandFor(DEFAULT_SLIDING_SCALE_BANDS, povertyPercent).band,
  });

  it('puts 150% of poverty in the 50% band', () => {
    expect(bandFor(DEFAULT_SLIDING_SCALE_BANDS, 150)).toEqual({
      index: 2,
      band: { minPercent: 133, maxPercent: 166, discountPercent: 50 },
    });
  });

  it('prices 36 days at $2,700', () => {
    expect(priceSelfPay(course(36, 150))).toEqual({
      units: 36,
      chargeCents: 1_620_000,
      grossCents: 540_000,
      discountCents: 270_000,
      patientCents: 270_000,
      effectiveDiscountPercent: 50,
      pricedBy: 'iop_program_rule',
      parts: [{ pricedBy: 'iop_program_rule', units: 36, cents: 540_000 }],
      reductionCents: 1_080_000,
      appliedBy: 'discount',
    });
  });

  /*
   * 20 days: 300,000¢ is raised to the 360,000¢ minimum → 180,000¢. 72 days: one 60-day program at the
   * 900,000¢ maximum + 12 days × 20,000¢ cash = 1,140,000¢ → 570,000¢ (not capped at one program).
   */
  it('discounts the program minimum and maximum, not the per-day price', () => {
    expect(priceSelfPay(course(20, 150))).toMatchObject({
      grossCents: 360_000,
      discountCents: 180_000,
      patientCents: 180_000,
    });
    expect(priceSelfPay(course(72, 150))).toMatchObject({
      grossCents: 1_140_000,
      discountCents: 570_000,
      patientCents: 570_000,
      pricedBy: 'iop_programs_and_cash_price',
      parts: [
        { pricedBy: 'iop_program_rule', units: 60, cents: 900_000 },
        { pricedBy: 'cash_price_per_unit', units: 12, cents: 240_000 },
      ],
    });
  });

  /* 4 days: the 360,000¢ program minimum is above the 4 × 45,000 = 180,000¢ charge, so the charge is the price. */
  it('never prices a short course above its full charge', () => {
    expect(priceSelfPay({ ...course(4, 250) })).toMatchObject({
      chargeCents: 180_000,
      grossCents: 180_000,
      patientCents: 180_000,
      reductionCents: 0,
      pricedBy: 'full_charge',
      parts: [{ pricedBy: 'full_charge', units: 4, cents: 180_000 }],
    });
  });

  /* 7 days × 52 weeks = 364 days: six 60-day programs (6 × 900,000¢) + 4 days × 20,000¢ = 5,480,000¢. */
  it('prices a year-long course as whole programs plus days', () => {
    expect(priceSelfPay(course(364, 250))).toMatchObject({
      grossCents: 5_480_000,
      reductionCents: 364 * 45_000 - 5_480_000,
      parts: [
        { pricedBy: 'iop_program_rule', units: 360, cents: 5_400_000 },
        { pricedBy: 'cash_price_per_unit', units: 4, cents: 80_000 },
      ],
    });
  });

  /*
   * 36 days (gross 540,000¢) at the band edges: 133% → 75% off → 135,000¢; 133.01% → 50% off → 270,000¢;
   * 200% → 25% off → 405,000¢; 200.01% → no discount → 540,000¢.
   */
  it('takes the upper edge of a band into that band', () => {
    expect([133, 133.01, 200, 200.01].map((percent) => priceSelfPay(course(36, percent)).patientCents)).toEqual([
      135_000, 270_000, 405_000, 540_000,
    ]);
  });

  /* 100% of poverty on the same course: the $25 nominal fee per day, 36 × 2,500 = 90,000¢ (83.33% off). */
  it('replaces the program price by the nominal fee at 100% of poverty', () => {
    expect(priceSelfPay(course(36, 100))).toMatchObject({
      grossCents: 540_000,
      discountCents: 450_000,
      patientCents: 90_000,
      effectiveDiscountPercent: 83.33,
      appliedBy: 'nominal_fee',
    });
  });
});
