import type {
  IopProgramRule,
  LevelOfCare,
  PovertyGuidelineTable,
  PriceBand,
  SlidingScaleBand,
} from '@continuum/domain';
import type { PayerConnectionType } from './entities/payer.entity';
import type { CopayPer, NetworkTier } from '@continuum/domain';
import type { PlanType } from './entities/plan.entity';

export interface PayerInput {
  code: string;
  name: string;
  x12PayerId?: string | null;
  connectionType: PayerConnectionType;
  endpointUrl?: string | null;
  decisionTimeOverrides?: { expeditedHours?: number | null; standardDays?: number | null };
  active?: boolean;
  /** Write-only: replaces the payer's active signing secrets (`whsec_…`); never returned. */
  webhookSecrets?: string[];
}

export interface PayerView {
  id: string;
  code: string;
  name: string;
  x12PayerId: string | null;
  connectionType: PayerConnectionType;
  endpointUrl: string | null;
  decisionTimeOverrides: { expeditedHours: number | null; standardDays: number | null };
  /** What applies: the override, else the CMS default. */
  decisionTimes: { expeditedHours: number; standardDays: number };
  active: boolean;
  /** How many signing secrets are active (their values are never shown). */
  webhookSecretCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AmountPair {
  individualCents: number;
  familyCents: number;
}

export interface InNetworkTierInput {
  deductible: AmountPair;
  deductibleEmbedded: boolean;
  outOfPocketMax: AmountPair;
}

/** `percent_of_charge` (with `percent`), or `fixed_per_unit` (the amounts sit on each out-of-network benefit). */
export interface OutOfNetworkAllowedAmount {
  method: 'percent_of_charge' | 'fixed_per_unit';
  percent?: number;
}

export interface OutOfNetworkTierInput extends InNetworkTierInput {
  allowedAmount: OutOfNetworkAllowedAmount;
  balanceBillingAllowed: boolean;
}

export interface BenefitInput {
  levelOfCare: LevelOfCare;
  network: NetworkTier;
  covered: boolean;
  copayCents: number;
  copayPer: CopayPer;
  copayBeforeDeductible: boolean;
  deductibleApplies: boolean;
  /** The patient's share, 0–100, up to two decimals. */
  coinsurancePercent: number;
  maxUnitsPerYear: number | null;
  preAuthRequired: boolean;
  parityConcern?: boolean;
  /** Out of network with `fixed_per_unit` allowed amounts: this level's allowed amount per unit. */
  allowedCentsPerUnit?: number | null;
}

export interface PlanContent {
  name: string;
  planType: PlanType;
  planYearStart: { month: number; day: number };
  networks: { in: InNetworkTierInput; out: OutOfNetworkTierInput | null };
  benefits: BenefitInput[];
  active?: boolean;
}

export interface PlanInput extends PlanContent {
  payerId: string;
}

export interface PlanView extends PlanContent {
  id: string;
  payerId: string;
  payerCode: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProviderRatesInput {
  levels: { levelOfCare: LevelOfCare; chargeCents: number; selfPayCents: number }[];
  iopProgram: IopProgramRule;
  iopProgramBand: PriceBand;
}

export interface ContractedRateInput {
  /** The plan's name within the payer; absent for the payer-wide rate. */
  plan?: string | null;
  levelOfCare: LevelOfCare;
  allowedCentsPerUnit: number;
}

export interface SlidingScalePolicyInput {
  name: string;
  bands: SlidingScaleBand[];
}

export interface SlidingScalePolicyView extends SlidingScalePolicyInput {
  version: number;
  createdAt: Date;
}

/** The whole catalog as one document: `GET /v1/catalog` returns it, `PUT /v1/catalog` replaces it. */
export interface CatalogDocument {
  /** Export only: the catalog version it was taken at. */
  version?: number;
  rates: ProviderRatesInput;
  payers: (PayerInput & { plans: PlanContent[]; contractedRates: ContractedRateInput[] })[];
  slidingScalePolicy: SlidingScalePolicyInput;
  povertyGuidelines: PovertyGuidelineTable[];
}
