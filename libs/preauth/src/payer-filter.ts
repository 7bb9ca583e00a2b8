import type { DataSource } from 'typeorm';
import { PayerEntity } from '@continuum/catalog';
import { CommonError, CommonErrorCode } from '@continuum/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The id of the payer a list's `payer` filter names (by id or code). An unknown payer is a 404 naming it,
 * not an empty list that reads as "nothing from this payer".
 */
export async function payerIdForFilter(dataSource: DataSource, payer: string): Promise<string> {
  const found = await dataSource
    .getRepository(PayerEntity)
    .findOne({ select: { id: true }, where: UUID.test(payer) ? { id: payer } : { code: payer } });
  if (found === null) {
    throw new CommonError(CommonErrorCode.NotFound, `No payer ${payer}: the payer filter names no payer`, {
      payer,
    });
  }
  return found.id;
}
