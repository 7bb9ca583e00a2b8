import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { AuditAction, type AuditContext } from '@continuum/audit';
import { OutboundUrlPolicy } from '@continuum/outbound';
import { CatalogChanges } from './catalog-changes';
import { CatalogError } from './catalog.errors';
import { toPayerInput, toPlanContent } from './catalog.mapping';
import { catalogDocumentProblems } from './catalog-rules';
import { payerEndpointProblems } from './payer-endpoint-problems';
import type { CatalogDocument, ProviderRatesInput, SlidingScalePolicyInput } from './catalog.types';
import { PayerEntity } from './entities/payer.entity';
import { PlanBenefitEntity } from './entities/plan-benefit.entity';
import { PlanEntity } from './entities/plan.entity';
import {
  currentCatalogVersion,
  insertPayer,
  insertPlan,
  insertPolicy,
  readContractedRates,
  readCurrentPolicy,
  readPovertyTables,
  readProviderRates,
  updatePayer,
  updatePlan,
  writeContractedRates,
  writePovertyTable,
  writeProviderRates,
} from './catalog-store';

/** What `GET /v1/catalog` returns: the document, at a version; parts never set yet are null. */
export type CatalogExport = Omit<CatalogDocument, 'rates' | 'slidingScalePolicy' | 'version'> & {
  version: number;
  rates: ProviderRatesInput | null;
  slidingScalePolicy: SlidingScalePolicyInput | null;
};

/**
 * The whole catalog as one document. Export reads one consistent snapshot; import validates the whole
 * document first and then applies it in one transaction, all or nothing. Import is a replacement: payers and
 * plans missing from the document are deactivated (never deleted: pre-auths refer to them), rates and
 * contracted rates are replaced, a different sliding-scale policy becomes a new version, and each year of
 * poverty guidelines in the document is written. Payers match by code, plans by name within their payer, so
 * ids survive a round trip. Webhook secrets are never exported; an imported payer without `webhookSecrets`
 * keeps the ones it has.
 */
@Injectable()
export class CatalogTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: CatalogChanges,
    private readonly urlPolicy: OutboundUrlPolicy,
  ) {}

  async export(): Promise<CatalogExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const payers = await manager.getRepository(PayerEntity).find({ order: { code: 'ASC' } });
      const plans = await manager.getRepository(PlanEntity).find({ order: { name: 'ASC' } });
      const benefits = await manager.getRepository(PlanBenefitEntity).find();
      const benefitsByPlan = new Map<string, PlanBenefitEntity[]>();
      for (const b of benefits) benefitsByPlan.set(b.planId, [...(benefitsByPlan.get(b.planId) ?? []), b]);
      const policy = await readCurrentPolicy(manager);
      return {
        version: await currentCatalogVersion(manager),
        rates: (await readProviderRates(manager)) ?? null,
        payers: await Promise.all(
          payers.map(async (payer) => ({
            ...toPayerInput(payer),
            plans: plans
              .filter((plan) => plan.payerId === payer.id)
              .map((plan) => toPlanContent(plan, benefitsByPlan.get(plan.id) ?? [])),
            contractedRates: await readContractedRates(manager, payer.id),
          })),
        ),
        slidingScalePolicy: policy === undefined ? null : { name: policy.name, bands: policy.bands },
        povertyGuidelines: await readPovertyTables(manager),
      };
    });
  }

  async import(document: CatalogDocument, context: AuditContext): Promise<{ version: number }> {
    const endpointProblems = await Promise.all(
      document.payers.map((payer, index) =>
        payerEndpointProblems(this.urlPolicy, payer.endpointUrl, `payers[${index}].endpointUrl`),
      ),
    );
    CatalogError.throwIfAny([...catalogDocumentProblems(document), ...endpointProblems.flat()]);
    const { version } = await this.changes.apply(
      context,
      { action: AuditAction.CatalogImport, subjectType: 'catalog' },
      async (manager) => {
        const payerRepository = manager.getRepository(PayerEntity);
        const planRepository = manager.getRepository(PlanEntity);
        const existingPayers = new Map((await payerRepository.find()).map((p) => [p.code, p]));
        for (const { plans, contractedRates, ...payer } of document.payers) {
          const known = existingPayers.get(payer.code);
          const payerId = known === undefined ? await insertPayer(manager, payer) : known.id;
          if (known !== undefined) await updatePayer(manager, known.id, payer);
          const existingPlans = new Map((await planRepository.findBy({ payerId })).map((p) => [p.name, p]));
          for (const plan of plans) {
            const knownPlan = existingPlans.get(plan.name);
            if (knownPlan === undefined) await insertPlan(manager, payerId, plan);
            else await updatePlan(manager, payerId, knownPlan.id, plan);
          }
          await planRepository.update(
            { payerId, name: Not(In(plans.map((p) => p.name).concat(['']))) },
            { active: false },
          );
          await writeContractedRates(manager, payerId, contractedRates);
        }
        const codes = document.payers.map((p) => p.code);
        await payerRepository.update({ code: Not(In(codes.concat(['']))) }, { active: false });
        await writeProviderRates(manager, document.rates);
        const current = await readCurrentPolicy(manager);
        const wanted = document.slidingScalePolicy;
        if (current === undefined || policyKey(current) !== policyKey(wanted)) {
          await insertPolicy(manager, wanted);
        }
        for (const table of document.povertyGuidelines) await writePovertyTable(manager, table);
        return {};
      },
    );
    return { version };
  }
}

/** Compares policies by content (jsonb does not keep key order). */
const policyKey = (policy: SlidingScalePolicyInput): string =>
  JSON.stringify([
    policy.name,
    policy.bands.map((b) => [b.minPercent, b.maxPercent, b.discountPercent ?? null, b.nominalFeeCents ?? null]),
  ]);
