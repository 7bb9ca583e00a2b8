import type { EntityManager } from 'typeorm';
import { type PreauthEventSource, type PreauthStatus, type PreauthTrigger, transitionFor } from '@continuum/domain';
import { PreauthEventEntity, type PreauthEventType } from './entities/preauth-event.entity';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { PreauthError, PreauthErrorCode } from './preauth.errors';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { insertRows } from '@continuum/database';
import { publishWebhookEvents } from '@continuum/webhooks';

export interface EventFacts {
  source: PreauthEventSource;
  /** When it happened, from the service's Clock (never the database's `now()`). */
  at: Date;
  reason?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** One event to append: what happened to which request, and the status it moved from. */
export interface EventEntry {
  request: Pick<PreauthRequestEntity, 'id' | 'status'>;
  type: PreauthEventType;
  facts: EventFacts;
  fromStatus: PreauthStatus | null;
}

/**
 * Appends an event row (a fact about the request that may or may not change its status). A status change is
 * also announced to webhook subscribers, in the same transaction.
 */
export async function recordEvent(
  manager: EntityManager,
  request: Pick<PreauthRequestEntity, 'id' | 'status'>,
  type: PreauthEventType,
  facts: EventFacts,
  fromStatus: PreauthStatus | null = request.status,
): Promise<void> {
  await recordEvents(manager, [{ request, type, facts, fromStatus }]);
}

/** `recordEvent` for several events, in one INSERT (and one webhook announcement for the status changes). */
export async function recordEvents(manager: EntityManager, entries: readonly EventEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await insertRows(
    manager,
    PreauthEventEntity,
    entries.map(({ request, type, facts, fromStatus }) => ({
      preauthId: request.id,
      type,
      fromStatus,
      toStatus: request.status,
      occurredAt: facts.at,
      source: facts.source,
      reason: facts.reason ?? null,
      details: facts.details ?? {},
    })),
  );
  await publishWebhookEvents(
    manager,
    'preauth.status_changed',
    entries
      .filter(({ type }) => type === 'status_changed')
      .map(({ request, facts, fromStatus }) => ({
        data: { preauthId: request.id, previousStatus: fromStatus, status: request.status, source: facts.source },
        occurredAt: facts.at,
      })),
  );
}

/**
 * Moves a locked request through the state machine: checks the change is legal (409 otherwise), sets the new
 * status and any other `changes` on the entity, saves it, and writes the event row, in the caller's
 * transaction.
 */
export async function applyTransition(
  manager: EntityManager,
  request: PreauthRequestEntity,
  trigger: PreauthTrigger,
  facts: EventFacts,
  changes: Partial<PreauthRequestEntity> = {},
): Promise<PreauthRequestEntity> {
  const result = transitionFor(request.status, trigger);
  if (!result.legal) {
    throw new PreauthError(PreauthErrorCode.IllegalTransition, result.reason, {
      id: request.id,
      status: request.status,
    });
  }
  const from = request.status;
  const update = { ...changes, status: result.to, updatedAt: facts.at };
  // update, not save: save would read the whole row again (PHI decrypted) to work out what changed.
  await manager.getRepository(PreauthRequestEntity).update({ id: request.id }, update);
  Object.assign(request, update, { version: request.version + 1 });
  await recordEvent(manager, request, 'status_changed', facts, from);
  return request;
}

/** Loads a request for update (a row lock for the rest of the transaction), or 404. */
export async function lockRequest(manager: EntityManager, id: string): Promise<PreauthRequestEntity> {
  const request = await manager
    .getRepository(PreauthRequestEntity)
    .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (request === null) throw preauthNotFound(id);
  return request;
}

export const preauthNotFound = (id: string): Error =>
  new CommonError(CommonErrorCode.NotFound, `No pre-auth request with id ${id}`, { id });
