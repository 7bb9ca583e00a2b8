import type { EntityManager } from 'typeorm';
import type { LevelOfCare, PovertyGuidelineTable } from '@continuum/domain';
import { toPayerView, toPlanView } from './catalog.mapping';
import type { BenefitInput, PayerView, PlanView, ProviderRatesInput, SlidingScalePolicyView } from './catalog.types';
import { ContractedRateEntity } from './entities/contracted-rate.entity';
import { PayerEntity } from './entities/payer.entity';
import type { NetworkTier } from '@continuum/domain';
import { PlanBenefitEntity } from './entities/plan-benefit.entity';
import { PlanEntity } from './entities/plan.entity';
import { currentCatalogVersion, readCurrentPolicy, readPovertyTables, readProviderRates } from './catalog-store';

/**
 * The whole catalog in memory at one version, immutable, for pricing without a database query. Built by
 * `CatalogSnapshotService` and replaced whole (never mutated) when the catalog version moves.
 */
export class CatalogSnapshot {
  private readonly plansById: ReadonlyMap<string, PlanView>;
  private readonly payersById: ReadonlyMap<string, PayerView>;
  private readonly payersByCode: ReadonlyMap<string, PayerView>;
  private readonly contracted: ReadonlyMap<string, number>;

  constructor(
    readonly version: number,
    readonly builtAt: Date,
    payers: PayerView[],
    plans: PlanView[],
    contractedRates: {
      payerId: string;
      planId: string | null;
      levelOfCare: LevelOfCare;
      allowedCentsPerUnit: number;
    }[],
    readonly providerRates: ProviderRatesInput | undefined,
    readonly povertyTables: readonly PovertyGuidelineTable[],
    readonly slidingScalePolicy: SlidingScalePolicyView | undefined,
  ) {
    this.payersById = new Map(payers.map((p) => [p.id, p]));
    this.payersByCode = new Map(payers.map((p) => [p.code, p]));
    this.plansById = new Map(plans.map((p) => [p.id, p]));
    this.contracted = new Map(
      contractedRates.map((r) => [contractKey(r.payerId, r.planId, r.levelOfCare), r.allowedCentsPerUnit]),
    );
    Object.freeze(this);
  }

  get payerCount(): number {
    return this.payersById.size;
  }

  get planCount(): number {
    return this.plansById.size;
  }

  payer(idOrCode: string): PayerView | undefined {
    return this.payersById.get(idOrCode) ?? this.payersByCode.get(idOrCode);
  }

  plan(id: string): PlanView | undefined {
    return this.plansById.get(id);
  }

  /**
   * A plan has at most a dozen benefits (levels of care × networks): scanning them costs less than a map keyed
   * by plan, network and level, which at 10,000 plans held 120,000 key strings the garbage collector walks.
   */
  benefit(planId: string, network: NetworkTier, levelOfCare: LevelOfCare): BenefitInput | undefined {
    return this.plansById
      .get(planId)
      ?.benefits.find((benefit) => benefit.network === network && benefit.levelOfCare === levelOfCare);
  }

  /** The in-network allowed amount per unit: the plan's own contracted rate, else the payer-wide one. */
  contractedRate(payerId: string, planId: string, levelOfCare: LevelOfCare): number | undefined {
    return (
      this.contracted.get(contractKey(payerId, planId, levelOfCare)) ??
      this.contracted.get(contractKey(payerId, null, levelOfCare))
    );
  }
}

const contractKey = (payerId: string, planId: string | null, level: LevelOfCare): string =>
  `${payerId}|${planId ?? '*'}|${level}`;

/** Reads the whole catalog in one REPEATABLE READ transaction, so every part is from the same version. */
export async function loadCatalogSnapshot(manager: EntityManager): Promise<CatalogSnapshot> {
  return manager.transaction('REPEATABLE READ', async (tx) => {
    const version = await currentCatalogVersion(tx);
    const payers = await tx.getRepository(PayerEntity).find();
    const secretCounts: { payer_id: string; n: string }[] = await tx.query(
      'SELECT payer_id, count(*) AS n FROM payer_webhook_secrets GROUP BY payer_id',
    );
    const counts = new Map(secretCounts.map((r) => [r.payer_id, Number(r.n)]));
    const codes = new Map(payers.map((p) => [p.id, p.code]));
    const plans = await tx.getRepository(PlanEntity).find();
    const benefits = await tx.getRepository(PlanBenefitEntity).find();
    const byPlan = new Map<string, PlanBenefitEntity[]>();
    for (const b of benefits) {
      const list = byPlan.get(b.planId);
      if (list === undefined) byPlan.set(b.planId, [b]);
      else list.push(b);
    }
    const contracted = await tx.getRepository(ContractedRateEntity).find();
    return new CatalogSnapshot(
      version,
      new Date(),
      payers.map((p) => toPayerView(p, counts.get(p.id) ?? 0)),
      plans.map((p) => toPlanView(p, byPlan.get(p.id) ?? [], codes.get(p.payerId) ?? '')),
      contracted,
      await readProviderRates(tx),
      await readPovertyTables(tx),
      await readCurrentPolicy(tx),
    );
  });
}
