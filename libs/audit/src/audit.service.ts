import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { CommonError } from '@continuum/common';
import { insertRows } from '@continuum/database';
import { AuditEventEntity } from './audit-event.entity';
import {
  type AuditActor,
  type AuditContext,
  type AuditEventFilter,
  type AuditEventInput,
  type AuditEventPage,
  type AuditEventView,
  AuditOutcome,
} from './audit.types';

const CURSOR_PREFIX = 'audit:';

/** Writes and reads the audit trail. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /**
   * Appends one row. Pass the transaction's `manager` when the audited change is written in one, so the
   * change and its audit row land together or not at all.
   */
  async record(context: AuditContext, event: AuditEventInput, manager?: EntityManager): Promise<void> {
    await this.recordMany([{ context, event }], manager);
  }

  /** `record` for several rows, in one INSERT. */
  async recordMany(
    entries: readonly { context: AuditContext; event: AuditEventInput }[],
    manager?: EntityManager,
  ): Promise<void> {
    if (entries.length === 0) return;
    await insertRows(
      manager ?? this.events.manager,
      AuditEventEntity,
      entries.map(({ context, event }) => ({
        ...actorColumns(context.actor),
        action: event.action,
        subjectType: event.subjectType,
        subjectId: event.subjectId ?? null,
        requestId: context.requestId ?? null,
        clientAddress: context.clientAddress ?? null,
        outcome: event.outcome ?? AuditOutcome.Success,
        details: event.details ?? {},
      })),
    );
  }

  /** Newest first, `limit` rows per page. */
  async list(filter: AuditEventFilter): Promise<AuditEventPage> {
    const query = this.events
      .createQueryBuilder('event')
      .orderBy('event.id', 'DESC')
      .limit(filter.limit + 1);
    applyFilter(query, filter);
    const rows = await query.getMany();
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toAuditEventView),
      nextCursor: rows.length > filter.limit && last !== undefined ? encodeCursor(last.id) : null,
    };
  }
}

function applyFilter(query: SelectQueryBuilder<AuditEventEntity>, filter: AuditEventFilter): void {
  const equals = {
    actorId: filter.actorId,
    action: filter.action,
    subjectType: filter.subjectType,
    subjectId: filter.subjectId,
    outcome: filter.outcome,
  };
  for (const [column, value] of Object.entries(equals)) {
    if (value !== undefined) query.andWhere(`event.${column} = :${column}`, { [column]: value });
  }
  if (filter.from !== undefined) query.andWhere('event.occurredAt >= :from', { from: filter.from });
  if (filter.to !== undefined) query.andWhere('event.occurredAt < :to', { to: filter.to });
  if (filter.cursor !== undefined) query.andWhere('event.id < :before', { before: decodeCursor(filter.cursor) });
}

function actorColumns(actor: AuditActor): Pick<AuditEventEntity, 'actorType' | 'actorId' | 'actorRole'> {
  switch (actor.type) {
    case 'api_key':
      return { actorType: actor.type, actorId: actor.keyId, actorRole: actor.role };
    case 'payer':
      return { actorType: actor.type, actorId: actor.payerCode, actorRole: null };
    case 'system':
    case 'anonymous':
      return { actorType: actor.type, actorId: null, actorRole: null };
  }
}

function toAuditEventView(row: AuditEventEntity): AuditEventView {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actor: { type: row.actorType, id: row.actorId, role: row.actorRole },
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    requestId: row.requestId,
    clientAddress: row.clientAddress,
    outcome: row.outcome,
    details: row.details,
  };
}

const encodeCursor = (id: string): string => Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  if (!/^\d{1,19}$/.test(id) || BigInt(id) > 9_223_372_036_854_775_807n) {
    throw CommonError.validation([{ field: 'cursor', messages: ['cursor is not one this API returned'] }]);
  }
  return id;
}
