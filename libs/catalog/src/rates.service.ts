import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditAction, type AuditContext } from '@continuum/audit';
import { CatalogChanges } from './catalog-changes';
import { CatalogError } from './catalog.errors';
import { providerRatesProblems } from './catalog-rules';
import type { ContractedRateInput, ProviderRatesInput } from './catalog.types';
import { PayersService } from './payers.service';
import { readContractedRates, readProviderRates, writeContractedRates, writeProviderRates } from './catalog-store';

/** The provider's prices (chargemaster, self-pay, IOP program rule) and its contracted rates with payers. */
@Injectable()
export class RatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payers: PayersService,
    private readonly changes: CatalogChanges,
  ) {}

  /** Undefined until the catalog has been given rates (an import or the first PUT). */
  async providerRates(): Promise<ProviderRatesInput | undefined> {
    return readProviderRates(this.dataSource.manager);
  }

  async putProviderRates(input: ProviderRatesInput, context: AuditContext): Promise<ProviderRatesInput> {
    CatalogError.throwIfAny(providerRatesProblems(input));
    await this.changes.apply(context, { action: AuditAction.RatesUpdate, subjectType: 'rates' }, async (manager) => {
      await writeProviderRates(manager, input);
      return {};
    });
    return (await this.providerRates()) as ProviderRatesInput;
  }

  async contractedRates(payerIdOrCode: string): Promise<ContractedRateInput[]> {
    const payer = await this.payers.find(payerIdOrCode);
    return readContractedRates(this.dataSource.manager, payer.id);
  }

  /** Replaces all of a payer's contracted rates. */
  async putContractedRates(
    payerIdOrCode: string,
    rates: ContractedRateInput[],
    context: AuditContext,
  ): Promise<ContractedRateInput[]> {
    const payer = await this.payers.find(payerIdOrCode);
    await this.changes.apply(
      context,
      { action: AuditAction.ContractedRatesUpdate, subjectType: 'payer', subjectId: payer.id },
      async (manager) => {
        await writeContractedRates(manager, payer.id, rates);
        return {};
      },
    );
    return this.contractedRates(payer.id);
  }
}
