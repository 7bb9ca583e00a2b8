import { DEFAULT_DECISION_TIMES, LEVEL_OF_CARE_CODES, percentToBasisPoints } from '@continuum/domain';
import {
  type BenefitInput,
  type OutOfNetworkTierInput,
  type PayerInput,
  type PayerView,
  type PlanContent,
  type PlanView,
} from './catalog.types';
import type { PayerEntity } from './entities/payer.entity';
import type { PlanBenefitEntity } from './entities/plan-benefit.entity';
import type { PlanEntity } from './entities/plan.entity';

/** Entities never leave the library: these turn rows into the shapes the API shows, and inputs into rows. */

export function toPayerView(payer: PayerEntity, webhookSecretCount: number): PayerView {
  return {
    id: payer.id,
    code: payer.code,
    name: payer.name,
    x12PayerId: payer.x12PayerId,
    connectionType: payer.connectionType,
    endpointUrl: payer.endpointUrl,
    decisionTimeOverrides: { expeditedHours: payer.expeditedDecisionHours, standardDays: payer.standardDecisionDays },
    decisionTimes: {
      expeditedHours: payer.expeditedDecisionHours ?? DEFAULT_DECISION_TIMES.expeditedHours,
      standardDays: payer.standardDecisionDays ?? DEFAULT_DECISION_TIMES.standardDays,
    },
    active: payer.active,
    webhookSecretCount,
    createdAt: payer.createdAt,
    updatedAt: payer.updatedAt,
  };
}

export function payerColumns(input: PayerInput): Partial<PayerEntity> {
  return {
    code: input.code,
    name: input.name,
    x12PayerId: input.x12PayerId ?? null,
    connectionType: input.connectionType,
    endpointUrl: input.endpointUrl ?? null,
    expeditedDecisionHours: input.decisionTimeOverrides?.expeditedHours ?? null,
    standardDecisionDays: input.decisionTimeOverrides?.standardDays ?? null,
    active: input.active ?? true,
  };
}

/** The input shape of a stored payer (without its secrets), for merging a PATCH and for export. */
export function toPayerInput(payer: PayerEntity): PayerInput {
  return {
    code: payer.code,
    name: payer.name,
    x12PayerId: payer.x12PayerId,
    connectionType: payer.connectionType,
    endpointUrl: payer.endpointUrl,
    decisionTimeOverrides: { expeditedHours: payer.expeditedDecisionHours, standardDays: payer.standardDecisionDays },
    active: payer.active,
  };
}

export function toPlanContent(plan: PlanEntity, benefits: PlanBenefitEntity[]): PlanContent {
  let out: OutOfNetworkTierInput | null = null;
  if (plan.hasOutOfNetwork) {
    out = {
      deductible: {
        individualCents: plan.outDeductibleIndividualCents ?? 0,
        familyCents: plan.outDeductibleFamilyCents ?? 0,
      },
      deductibleEmbedded: plan.outDeductibleEmbedded ?? true,
      outOfPocketMax: {
        individualCents: plan.outOutOfPocketMaxIndividualCents ?? 0,
        familyCents: plan.outOutOfPocketMaxFamilyCents ?? 0,
      },
      allowedAmount:
        plan.outAllowedMethod === 'percent_of_charge'
          ? { method: 'percent_of_charge', percent: (plan.outAllowedPercentBp ?? 0) / 100 }
          : { method: 'fixed_per_unit' },
      balanceBillingAllowed: plan.outBalanceBillingAllowed ?? false,
    };
  }
  return {
    name: plan.name,
    planType: plan.planType,
    planYearStart: { month: plan.planYearStartMonth, day: plan.planYearStartDay },
    networks: {
      in: {
        deductible: { individualCents: plan.inDeductibleIndividualCents, familyCents: plan.inDeductibleFamilyCents },
        deductibleEmbedded: plan.inDeductibleEmbedded,
        outOfPocketMax: {
          individualCents: plan.inOutOfPocketMaxIndividualCents,
          familyCents: plan.inOutOfPocketMaxFamilyCents,
        },
      },
      out,
    },
    benefits: [...benefits].sort(byLevelAndNetwork).map(toBenefitInput),
    active: plan.active,
  };
}

export function toPlanView(plan: PlanEntity, benefits: PlanBenefitEntity[], payerCode: string): PlanView {
  return {
    ...toPlanContent(plan, benefits),
    id: plan.id,
    payerId: plan.payerId,
    payerCode,
    active: plan.active,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

export function planColumns(content: PlanContent): Partial<PlanEntity> {
  const { in: inTier, out } = content.networks;
  return {
    name: content.name,
    planType: content.planType,
    planYearStartMonth: content.planYearStart.month,
    planYearStartDay: content.planYearStart.day,
    inDeductibleIndividualCents: inTier.deductible.individualCents,
    inDeductibleFamilyCents: inTier.deductible.familyCents,
    inDeductibleEmbedded: inTier.deductibleEmbedded,
    inOutOfPocketMaxIndividualCents: inTier.outOfPocketMax.individualCents,
    inOutOfPocketMaxFamilyCents: inTier.outOfPocketMax.familyCents,
    hasOutOfNetwork: out !== null,
    outDeductibleIndividualCents: out?.deductible.individualCents ?? null,
    outDeductibleFamilyCents: out?.deductible.familyCents ?? null,
    outDeductibleEmbedded: out?.deductibleEmbedded ?? null,
    outOutOfPocketMaxIndividualCents: out?.outOfPocketMax.individualCents ?? null,
    outOutOfPocketMaxFamilyCents: out?.outOfPocketMax.familyCents ?? null,
    outAllowedMethod: out?.allowedAmount.method ?? null,
    outAllowedPercentBp:
      out?.allowedAmount.method === 'percent_of_charge' ? percentToBasisPoints(out.allowedAmount.percent ?? 0) : null,
    outBalanceBillingAllowed: out?.balanceBillingAllowed ?? null,
    active: content.active ?? true,
  };
}

export function benefitRows(planId: string, benefits: BenefitInput[]): PlanBenefitEntity[] {
  return benefits.map((b) => ({
    planId,
    levelOfCare: b.levelOfCare,
    network: b.network,
    covered: b.covered,
    copayCents: b.copayCents,
    copayPer: b.copayPer,
    copayBeforeDeductible: b.copayBeforeDeductible,
    deductibleApplies: b.deductibleApplies,
    coinsuranceBp: percentToBasisPoints(b.coinsurancePercent),
    maxUnitsPerYear: b.maxUnitsPerYear,
    preAuthRequired: b.preAuthRequired,
    parityConcern: b.parityConcern ?? false,
    outAllowedCentsPerUnit: b.allowedCentsPerUnit ?? null,
  }));
}

function toBenefitInput(b: PlanBenefitEntity): BenefitInput {
  return {
    levelOfCare: b.levelOfCare,
    network: b.network,
    covered: b.covered,
    copayCents: b.copayCents,
    copayPer: b.copayPer,
    copayBeforeDeductible: b.copayBeforeDeductible,
    deductibleApplies: b.deductibleApplies,
    coinsurancePercent: b.coinsuranceBp / 100,
    maxUnitsPerYear: b.maxUnitsPerYear,
    preAuthRequired: b.preAuthRequired,
    parityConcern: b.parityConcern,
    allowedCentsPerUnit: b.outAllowedCentsPerUnit,
  };
}

/** In-network first, then levels in their clinical order (detox … outpatient). */
const byLevelAndNetwork = (a: PlanBenefitEntity, b: PlanBenefitEntity): number =>
  a.network.localeCompare(b.network) ||
  LEVEL_OF_CARE_CODES.indexOf(a.levelOfCare) - LEVEL_OF_CARE_CODES.indexOf(b.levelOfCare);
