import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditAction, type AuditContext } from '@continuum/audit';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { OutboundUrlPolicy } from '@continuum/outbound';
import { CatalogChanges } from './catalog-changes';
import { CatalogError } from './catalog.errors';
import { toPayerInput, toPayerView } from './catalog.mapping';
import { payerProblems } from './catalog-rules';
import type { PayerInput, PayerView } from './catalog.types';
import { PayerWebhookSecretEntity } from './entities/payer-webhook-secret.entity';
import { PayerEntity } from './entities/payer.entity';
import { insertPayer, updatePayer } from './catalog-store';
import { payerEndpointProblems } from './payer-endpoint-problems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class PayersService {
  constructor(
    @InjectRepository(PayerEntity) private readonly payers: Repository<PayerEntity>,
    @InjectRepository(PayerWebhookSecretEntity) private readonly secrets: Repository<PayerWebhookSecretEntity>,
    private readonly changes: CatalogChanges,
    private readonly urlPolicy: OutboundUrlPolicy,
  ) {}

  async create(input: PayerInput, context: AuditContext): Promise<PayerView> {
    CatalogError.throwIfAny([
      ...payerProblems(input),
      ...(await payerEndpointProblems(this.urlPolicy, input.endpointUrl)),
    ]);
    const { result } = await this.changes.apply(
      context,
      { action: AuditAction.PayerCreate, subjectType: 'payer' },
      async (manager) => {
        const id = await insertPayer(manager, input);
        return { id, subjectId: id };
      },
    );
    return this.get(result.id);
  }

  async list(options: { activeOnly: boolean }): Promise<PayerView[]> {
    const rows = await this.payers.find({ where: options.activeOnly ? { active: true } : {}, order: { name: 'ASC' } });
    const counts = await this.secretCounts(rows.map((r) => r.id));
    return rows.map((row) => toPayerView(row, counts.get(row.id) ?? 0));
  }

  /** By id, or by code (forms know payers by code). */
  async get(idOrCode: string): Promise<PayerView> {
    const row = await this.find(idOrCode);
    return toPayerView(row, (await this.secretCounts([row.id])).get(row.id) ?? 0);
  }

  async find(idOrCode: string): Promise<PayerEntity> {
    const row = await this.payers.findOneBy(UUID.test(idOrCode) ? { id: idOrCode } : { code: idOrCode });
    if (row === null) throw new CommonError(CommonErrorCode.NotFound, `No payer ${idOrCode}`, { id: idOrCode });
    return row;
  }

  async update(id: string, patch: Partial<PayerInput>, context: AuditContext): Promise<PayerView> {
    const { id: payerId } = await this.find(id);
    // Vetted before the catalog write lock: the check may look the host up.
    CatalogError.throwIfAny(await payerEndpointProblems(this.urlPolicy, patch.endpointUrl));
    await this.changes.apply(
      context,
      { action: AuditAction.PayerUpdate, subjectType: 'payer', subjectId: payerId },
      async (manager) => {
        // Read and merge under the catalog write lock, so two concurrent PATCHes cannot undo each other.
        const current = await manager.getRepository(PayerEntity).findOneByOrFail({ id: payerId });
        const merged: PayerInput = {
          ...toPayerInput(current),
          ...patch,
          decisionTimeOverrides: { ...toPayerInput(current).decisionTimeOverrides, ...patch.decisionTimeOverrides },
        };
        CatalogError.throwIfAny(payerProblems(merged));
        await updatePayer(manager, payerId, merged);
        return {};
      },
    );
    return this.get(payerId);
  }

  private async secretCounts(payerIds: string[]): Promise<Map<string, number>> {
    if (payerIds.length === 0) return new Map();
    const rows: { payer_id: string; n: string }[] = await this.secrets
      .createQueryBuilder('s')
      .select('s.payer_id', 'payer_id')
      .addSelect('count(*)', 'n')
      .where({ payerId: In(payerIds) })
      .groupBy('s.payer_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.payer_id, Number(r.n)]));
  }
}
