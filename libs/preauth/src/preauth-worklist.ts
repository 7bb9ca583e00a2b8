import type { DataSource } from 'typeorm';
import { PayerEntity } from '@continuum/catalog';
import { decodeKeysetCursor, encodeKeysetCursor } from '@continuum/common';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { payerIdForFilter } from './payer-filter';
import { toPreauthSummary } from './preauth-views';
import type { PreauthListFilter, PreauthPage } from './preauth.types';

/** The staff work list: filtered, soonest decision due first, paginated by an opaque (due time, id) cursor. */
export async function listPreauths(dataSource: DataSource, filter: PreauthListFilter): Promise<PreauthPage> {
  const query = dataSource
    .getRepository(PreauthRequestEntity)
    .createQueryBuilder('r')
    .innerJoin(PayerEntity, 'p', 'p.id = r.payer_id')
    .orderBy('r.decision_due_at', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .take(filter.limit + 1);
  if (filter.status !== undefined && filter.status.length > 0)
    query.andWhere('r.status IN (:...status)', { status: filter.status });
  if (filter.payer !== undefined) {
    query.andWhere('p.id = :payerId', { payerId: await payerIdForFilter(dataSource, filter.payer) });
  }
  if (filter.levelOfCare !== undefined) query.andWhere('r.level_of_care = :level', { level: filter.levelOfCare });
  if (filter.dueBefore !== undefined) query.andWhere('r.decision_due_at < :dueBefore', { dueBefore: filter.dueBefore });
  if (filter.overdue !== undefined) query.andWhere(`r.overdue_since IS ${filter.overdue ? 'NOT ' : ''}NULL`);
  if (filter.needsReview !== undefined) {
    query.andWhere(`jsonb_array_length(r.review_reasons) ${filter.needsReview ? '>' : '='} 0`);
  }
  if (filter.cursor !== undefined) {
    const after = decodeKeysetCursor(filter.cursor);
    query.andWhere('(r.decision_due_at, r.id) > (:dueAt, :id)', { dueAt: after.at, id: after.id });
  }
  const rows = await query.getMany();
  const page = rows.slice(0, filter.limit);
  const payerIds = [...new Set(page.map((r) => r.payerId))];
  const payers =
    payerIds.length === 0 ? [] : await dataSource.getRepository(PayerEntity).findBy(payerIds.map((id) => ({ id })));
  const payerById = new Map(payers.map((payer) => [payer.id, payer]));
  const last = page.at(-1);
  return {
    data: page.map((request) => toPreauthSummary(request, payerById.get(request.payerId) as PayerEntity)),
    nextCursor:
      rows.length > filter.limit && last !== undefined
        ? encodeKeysetCursor({ at: last.decisionDueAt, id: last.id })
        : null,
  };
}
