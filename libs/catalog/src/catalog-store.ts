import type { DataSource, EntityManager } from 'typeorm';
import { LEVEL_OF_CARE_CODES, POVERTY_REGIONS, type PovertyGuidelineTable } from '@continuum/domain';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { CatalogError } from './catalog.errors';
import { benefitRows, payerColumns, planColumns } from './catalog.mapping';
import type {
  ContractedRateInput,
  PayerInput,
  PlanContent,
  ProviderRatesInput,
  SlidingScalePolicyInput,
  SlidingScalePolicyView,
} from './catalog.types';
import { ContractedRateEntity } from './entities/contracted-rate.entity';
import { PayerWebhookSecretEntity } from './entities/payer-webhook-secret.entity';
import { PayerEntity } from './entities/payer.entity';
import { PlanBenefitEntity } from './entities/plan-benefit.entity';
import { PlanEntity } from './entities/plan.entity';
import { PovertyGuidelineEntity } from './entities/poverty-guideline.entity';
import { ProviderPricingEntity } from './entities/provider-pricing.entity';
import { ProviderRateEntity } from './entities/provider-rate.entity';
import { SlidingScalePolicyEntity } from './entities/sliding-scale-policy.entity';

/**
 * Reading and writing catalog rows inside a caller's transaction (`manager`). Services wrap writes in
 * `CatalogChanges.apply`; the snapshot and import/export read through the same functions, so each shape is
 * mapped in one place.
 */

export const catalogChannel = (queuePrefix: string): string => `${queuePrefix}:catalog:changed`;
/** Inserts a payer (409 on a taken code) with its secrets; shared by create and import. */
export async function insertPayer(manager: EntityManager, input: PayerInput): Promise<string> {
  const repository = manager.getRepository(PayerEntity);
  if (await repository.existsBy({ code: input.code })) {
    throw new CommonError(CommonErrorCode.Conflict, `A payer with code ${input.code} already exists`, {
      code: input.code,
    });
  }
  const saved = await repository.save(repository.create(payerColumns(input)));
  await replaceSecrets(manager, saved.id, input.webhookSecrets);
  return saved.id;
}
export async function updatePayer(manager: EntityManager, id: string, input: PayerInput): Promise<void> {
  const repository = manager.getRepository(PayerEntity);
  const clash = await repository.findOneBy({ code: input.code });
  if (clash !== null && clash.id !== id) {
    throw new CommonError(CommonErrorCode.Conflict, `A payer with code ${input.code} already exists`, {
      code: input.code,
    });
  }
  await repository.update({ id }, payerColumns(input));
  await replaceSecrets(manager, id, input.webhookSecrets);
}
/** Inserts a plan with its benefits (409 when the payer already has a plan of that name). */
export async function insertPlan(manager: EntityManager, payerId: string, content: PlanContent): Promise<string> {
  const repository = manager.getRepository(PlanEntity);
  if (await repository.existsBy({ payerId, name: content.name })) {
    throw new CommonError(CommonErrorCode.Conflict, `This payer already has a plan named ${content.name}`, {
      name: content.name,
    });
  }
  const saved = await repository.save(repository.create({ ...planColumns(content), payerId }));
  await manager.getRepository(PlanBenefitEntity).insert(benefitRows(saved.id, content.benefits));
  return saved.id;
}
export async function updatePlan(
  manager: EntityManager,
  payerId: string,
  id: string,
  content: PlanContent,
): Promise<void> {
  const repository = manager.getRepository(PlanEntity);
  const clash = await repository.findOneBy({ payerId, name: content.name });
  if (clash !== null && clash.id !== id) {
    throw new CommonError(CommonErrorCode.Conflict, `This payer already has a plan named ${content.name}`, {
      name: content.name,
    });
  }
  await repository.update({ id }, planColumns(content));
  const benefits = manager.getRepository(PlanBenefitEntity);
  await benefits.delete({ planId: id });
  await benefits.insert(benefitRows(id, content.benefits));
}
export async function readProviderRates(manager: EntityManager): Promise<ProviderRatesInput | undefined> {
  const pricing = await manager.getRepository(ProviderPricingEntity).findOneBy({ id: 1 });
  if (pricing === null) return undefined;
  const levels = await manager.getRepository(ProviderRateEntity).find();
  levels.sort((a, b) => LEVEL_OF_CARE_CODES.indexOf(a.levelOfCare) - LEVEL_OF_CARE_CODES.indexOf(b.levelOfCare));
  return {
    levels: levels.map(({ levelOfCare, chargeCents, selfPayCents }) => ({ levelOfCare, chargeCents, selfPayCents })),
    iopProgram: {
      perSessionDayCents: pricing.iopPerSessionDayCents,
      programMinimumCents: pricing.iopProgramMinimumCents,
      programMaximumCents: pricing.iopProgramMaximumCents,
    },
    iopProgramBand: { minCents: pricing.iopBandMinCents, maxCents: pricing.iopBandMaxCents },
  };
}
export async function writeProviderRates(manager: EntityManager, input: ProviderRatesInput): Promise<void> {
  await manager.getRepository(ProviderRateEntity).upsert(input.levels, ['levelOfCare']);
  await manager.getRepository(ProviderPricingEntity).upsert(
    {
      id: 1,
      iopPerSessionDayCents: input.iopProgram.perSessionDayCents,
      iopProgramMinimumCents: input.iopProgram.programMinimumCents,
      iopProgramMaximumCents: input.iopProgram.programMaximumCents,
      iopBandMinCents: input.iopProgramBand.minCents,
      iopBandMaxCents: input.iopProgramBand.maxCents,
    },
    ['id'],
  );
}
export async function readContractedRates(manager: EntityManager, payerId: string): Promise<ContractedRateInput[]> {
  const rows = await manager.getRepository(ContractedRateEntity).findBy({ payerId });
  const plans = await manager.getRepository(PlanEntity).findBy({ payerId });
  const names = new Map(plans.map((p) => [p.id, p.name]));
  return rows
    .map((row) => ({
      plan: row.planId === null ? null : (names.get(row.planId) ?? null),
      levelOfCare: row.levelOfCare,
      allowedCentsPerUnit: row.allowedCentsPerUnit,
    }))
    .sort(
      (a, b) =>
        (a.plan ?? '').localeCompare(b.plan ?? '') ||
        LEVEL_OF_CARE_CODES.indexOf(a.levelOfCare) - LEVEL_OF_CARE_CODES.indexOf(b.levelOfCare),
    );
}
/** Plans are named within their payer; a rate naming no plan is the payer-wide one. */
export async function writeContractedRates(
  manager: EntityManager,
  payerId: string,
  rates: ContractedRateInput[],
): Promise<void> {
  const plans = await manager.getRepository(PlanEntity).findBy({ payerId });
  const ids = new Map(plans.map((p) => [p.name, p.id]));
  const problems = rates.flatMap((rate, index) => {
    const plan = rate.plan ?? null;
    return plan !== null && !ids.has(plan)
      ? [{ field: `rates[${index}].plan`, message: `this payer has no plan named ${plan}` }]
      : [];
  });
  const keys = new Set<string>();
  rates.forEach((rate, index) => {
    const key = `${rate.plan ?? '*'}/${rate.levelOfCare}`;
    if (keys.has(key))
      problems.push({ field: `rates[${index}]`, message: 'a second rate for the same plan and level' });
    keys.add(key);
  });
  CatalogError.throwIfAny(problems);
  const repository = manager.getRepository(ContractedRateEntity);
  await repository.delete({ payerId });
  if (rates.length === 0) return;
  await repository.insert(
    rates.map((rate) => ({
      payerId,
      planId: rate.plan === undefined || rate.plan === null ? null : (ids.get(rate.plan) ?? null),
      levelOfCare: rate.levelOfCare,
      allowedCentsPerUnit: rate.allowedCentsPerUnit,
    })),
  );
}
export async function readCurrentPolicy(manager: EntityManager): Promise<SlidingScalePolicyView | undefined> {
  const [row] = await manager.getRepository(SlidingScalePolicyEntity).find({ order: { version: 'DESC' }, take: 1 });
  return row === undefined ? undefined : toPolicyView(row);
}
export async function insertPolicy(manager: EntityManager, input: SlidingScalePolicyInput): Promise<number> {
  const repository = manager.getRepository(SlidingScalePolicyEntity);
  const saved = await repository.save(repository.create({ name: input.name, bands: input.bands }));
  return saved.version;
}
export async function readPovertyTables(manager: EntityManager): Promise<PovertyGuidelineTable[]> {
  const rows = await manager.getRepository(PovertyGuidelineEntity).find({ order: { year: 'ASC' } });
  const byYear = new Map<number, PovertyGuidelineEntity[]>();
  for (const row of rows) byYear.set(row.year, [...(byYear.get(row.year) ?? []), row]);
  return [...byYear].map(([year, regions]) => ({
    year,
    effectiveDate: regions[0]?.effectiveDate ?? '',
    regions: Object.fromEntries(
      regions.map((r) => [r.region, { baseCents: r.baseCents, incrementCents: r.incrementCents }]),
    ) as PovertyGuidelineTable['regions'],
  }));
}
/** Inserts or replaces one year's table. */
export async function writePovertyTable(manager: EntityManager, table: PovertyGuidelineTable): Promise<void> {
  await manager.getRepository(PovertyGuidelineEntity).upsert(
    POVERTY_REGIONS.map((region) => ({
      year: table.year,
      region,
      effectiveDate: table.effectiveDate,
      baseCents: table.regions[region].baseCents,
      incrementCents: table.regions[region].incrementCents,
    })),
    ['year', 'region'],
  );
}
/** The newest committed catalog version (0 before the first change). */
export async function currentCatalogVersion(manager: EntityManager | DataSource): Promise<number> {
  const rows: { version: string | null }[] = await manager.query('SELECT max(version) AS version FROM catalog_changes');
  return Number(rows[0]?.version ?? 0);
}

/** Undefined keeps the current secrets; a list (even empty) replaces them. */
async function replaceSecrets(manager: EntityManager, payerId: string, secrets: string[] | undefined): Promise<void> {
  if (secrets === undefined) return;
  const repository = manager.getRepository(PayerWebhookSecretEntity);
  await repository.delete({ payerId });
  for (const secret of new Set(secrets)) await repository.save(repository.create({ payerId, secret }));
}

export const toPolicyView = (row: SlidingScalePolicyEntity): SlidingScalePolicyView => ({
  version: row.version,
  name: row.name,
  bands: row.bands,
  createdAt: row.createdAt,
});
