import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import { AuditAction, type AuditContext, AuditService } from '@continuum/audit';
import { CatalogSnapshotService, PayerEntity } from '@continuum/catalog';
import { Clock, CommonError, CommonErrorCode } from '@continuum/common';
import {
  addDays,
  canRecordUtilization,
  checkUtilization,
  decisionDueAt,
  DEFAULT_DECISION_TIMES,
} from '@continuum/domain';
import { OutboxRelay } from '@continuum/queue';
import { PreauthEventEntity } from './entities/preauth-event.entity';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { PreauthSubmissionEntity } from './entities/preauth-submission.entity';
import { PreauthUtilizationEntity } from './entities/preauth-utilization.entity';
import { PREAUTH_SUBJECT } from './preauth-intake.service';
import { PreauthDecisionsService, refreshReviewFlags } from './preauth-decisions.service';
import { applyTransition, lockRequest, preauthNotFound, recordEvent } from './preauth-history';
import { queueSubmission, requeueSubmission } from './preauth-submissions';
import { toPreauthDetail, toPreauthSummary } from './preauth-views';
import { PreauthError, PreauthErrorCode } from './preauth.errors';
import { listPreauths } from './preauth-worklist';
import type {
  ExtensionInput,
  PayerDecisionInput,
  PreauthDetail,
  PreauthListFilter,
  PreauthPage,
  PreauthSummary,
} from './preauth.types';

/**
 * What staff do with a request after intake: read it (audited, PHI), record units used, ask for an extension,
 * cancel it, retry a failed delivery, record a payer's answer given by phone or portal, and read the last 278.
 */
@Injectable()
export class PreauthTrackingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: PreauthDecisionsService,
    private readonly outbox: OutboxRelay,
    private readonly audit: AuditService,
    private readonly catalog: CatalogSnapshotService,
    private readonly clock: Clock,
  ) {}

  list(filter: PreauthListFilter): Promise<PreauthPage> {
    return listPreauths(this.dataSource, filter);
  }

  async get(id: string, context: AuditContext): Promise<PreauthDetail> {
    const request = await this.dataSource.getRepository(PreauthRequestEntity).findOneBy({ id });
    if (request === null) throw preauthNotFound(id);
    const [payer, submissions, utilization, events] = await Promise.all([
      this.dataSource.getRepository(PayerEntity).findOneByOrFail({ id: request.payerId }),
      this.dataSource
        .getRepository(PreauthSubmissionEntity)
        .find({ where: { preauthId: id }, order: { createdAt: 'ASC' } }),
      this.dataSource
        .getRepository(PreauthUtilizationEntity)
        .find({ where: { preauthId: id }, order: { serviceDate: 'ASC', createdAt: 'ASC' } }),
      this.dataSource.getRepository(PreauthEventEntity).find({ where: { preauthId: id }, order: { sequence: 'ASC' } }),
    ]);
    await this.audit.record(context, {
      action: AuditAction.PreauthReadPhi,
      subjectType: PREAUTH_SUBJECT,
      subjectId: id,
    });
    return toPreauthDetail(request, payer, submissions, utilization, events);
  }

  /**
   * Units used on one date. The request must hold an authorization, the date must be in its period, the units
   * must fit one date, and units beyond the authorization need `overAuthorization: true` (then they are
   * recorded, flagged on the entry, and leave a `utilization_over_authorization` event).
   */
  async recordUtilization(
    id: string,
    usage: { serviceDate: string; units: number; overAuthorization?: boolean },
    context: AuditContext,
  ): Promise<PreauthSummary> {
    return this.mutate(id, async (manager, request) => {
      if (!canRecordUtilization(request.status)) {
        throw new PreauthError(
          PreauthErrorCode.IllegalTransition,
          `units can only be recorded against an authorization in force; this request is ${request.status}`,
          { id, status: request.status },
        );
      }
      if (
        request.validFrom === null ||
        request.validTo === null ||
        usage.serviceDate < request.validFrom ||
        usage.serviceDate > request.validTo
      ) {
        throw CommonError.validation([
          {
            field: 'serviceDate',
            messages: [`serviceDate must be within the authorized period ${request.validFrom} to ${request.validTo}`],
          },
        ]);
      }
      const approvedUnits = request.approvedUnits ?? 0;
      const { impossible, overBy } = checkUtilization({
        unitType: request.approvedUnitType ?? request.unitType,
        units: usage.units,
        approvedUnits,
        usedUnits: request.usedUnits,
      });
      if (impossible !== null) throw CommonError.validation([{ field: 'units', messages: [impossible] }]);
      if (overBy > 0 && usage.overAuthorization !== true) {
        throw new PreauthError(
          PreauthErrorCode.OverAuthorization,
          `${usage.units} more units would use ${request.usedUnits + usage.units} of the ${approvedUnits} authorized; send overAuthorization: true to record them anyway, or ask for an extension`,
          { approvedUnits, usedUnits: request.usedUnits, units: usage.units },
        );
      }
      await manager
        .getRepository(PreauthUtilizationEntity)
        .insert({
          preauthId: id,
          serviceDate: usage.serviceDate,
          units: usage.units,
          recordedByKeyId: keyIdOf(context),
          overAuthorization: overBy > 0,
        })
        .catch((error: unknown) => {
          if (error instanceof QueryFailedError && /preauth_utilization_date/.test(error.message)) {
            throw new CommonError(CommonErrorCode.Conflict, `Units for ${usage.serviceDate} are already recorded`, {
              serviceDate: usage.serviceDate,
            });
          }
          throw error;
        });
      request.usedUnits += usage.units;
      await manager.getRepository(PreauthRequestEntity).update({ id }, { usedUnits: request.usedUnits });
      const now = this.clock.now();
      await recordEvent(manager, request, 'utilization_recorded', {
        source: 'staff',
        at: now,
        details: { serviceDate: usage.serviceDate, units: usage.units, usedUnits: request.usedUnits },
      });
      if (overBy > 0) {
        await recordEvent(manager, request, 'utilization_over_authorization', {
          source: 'staff',
          at: now,
          reason: `${overBy} units used beyond the ${approvedUnits} authorized, confirmed by staff`,
          details: { serviceDate: usage.serviceDate, overBy, usedUnits: request.usedUnits, approvedUnits },
        });
      }
      await refreshReviewFlags(manager, request, 'staff', now);
    });
  }

  /**
   * Corrects a wrong utilization entry: it is kept but reversed (who, when, why), its units no longer count,
   * and the date can be recorded again. Allowed in any status: a correction is bookkeeping, not a decision.
   */
  async reverseUtilization(
    id: string,
    entryId: string,
    reason: string,
    context: AuditContext,
    now = this.clock.now(),
  ): Promise<PreauthSummary> {
    return this.mutate(id, async (manager, request) => {
      const entries = manager.getRepository(PreauthUtilizationEntity);
      const entry = await entries.findOneBy({ id: entryId, preauthId: id });
      if (entry === null) {
        throw new CommonError(CommonErrorCode.NotFound, `No utilization entry ${entryId} on pre-auth request ${id}`, {
          id,
          entryId,
        });
      }
      if (entry.reversedAt !== null) {
        throw new CommonError(CommonErrorCode.Conflict, `Utilization entry ${entryId} is already reversed`, {
          entryId,
          reversedAt: entry.reversedAt.toISOString(),
        });
      }
      await entries.update(
        { id: entryId },
        { reversedAt: now, reversalReason: reason, reversedByKeyId: keyIdOf(context) },
      );
      request.usedUnits -= entry.units;
      await manager.getRepository(PreauthRequestEntity).update({ id }, { usedUnits: request.usedUnits });
      await recordEvent(manager, request, 'utilization_reversed', {
        source: 'staff',
        at: now,
        reason,
        details: { entryId, serviceDate: entry.serviceDate, units: entry.units, usedUnits: request.usedUnits },
      });
      await refreshReviewFlags(manager, request, 'staff', now);
    });
  }

  /** Concurrent review: more units for an authorization in force, sent as a certification extension (UM02 `4`). */
  async requestExtension(id: string, input: ExtensionInput, context: AuditContext): Promise<PreauthSummary> {
    return this.mutate(id, async (manager, request) => {
      if (request.validTo !== null && input.endDate <= request.validTo) {
        throw CommonError.validation([
          { field: 'endDate', messages: [`endDate must be after the current last covered day ${request.validTo}`] },
        ]);
      }
      const now = this.clock.now();
      const decisionTimes = this.catalog.current().payer(request.payerId)?.decisionTimes ?? DEFAULT_DECISION_TIMES;
      const changes: Partial<PreauthRequestEntity> = {
        receivedAt: now,
        decisionDueAt: decisionDueAt(now, request.urgency, decisionTimes),
        overdueSince: null,
      };
      if (input.clinicalSummary !== undefined && input.clinicalSummary !== null) {
        changes.clinicalSummary = input.clinicalSummary;
      }
      const updated = await applyTransition(
        manager,
        request,
        { kind: 'extension_requested' },
        { source: 'staff', at: now, details: { additionalUnits: input.additionalUnits, endDate: input.endDate } },
        changes,
      );
      const periodStart = request.validTo === null ? request.requestedStart : addDays(request.validTo, 1);
      await queueSubmission(
        manager,
        updated,
        'extension',
        { requestedUnits: input.additionalUnits, periodStart, periodEnd: input.endDate },
        context.requestId ?? id,
      );
      if (input.clinicalSummary !== undefined && input.clinicalSummary !== null) {
        await this.audit.record(
          context,
          {
            action: AuditAction.PreauthWritePhi,
            subjectType: PREAUTH_SUBJECT,
            subjectId: id,
            details: { extension: true },
          },
          manager,
        );
      }
    });
  }

  /** Withdraws the request; when the payer already has it, a cancellation (UM02 `3`) is sent too. */
  async cancel(id: string, reason: string | null, context: AuditContext): Promise<PreauthSummary> {
    return this.mutate(id, async (manager, request) => {
      const sent = await manager.getRepository(PreauthSubmissionEntity).findOne({
        where: { preauthId: id, state: 'sent', kind: In(['initial', 'extension']) },
        order: { createdAt: 'DESC' },
      });
      const cancelled = await applyTransition(
        manager,
        request,
        { kind: 'cancel' },
        { source: 'staff', at: this.clock.now(), reason },
        {
          statusReasonCode: 'cancelled_by_provider',
          statusReason: reason,
          overdueSince: null,
          reviewReasons: [],
        },
      );
      if (sent !== null) await queueSubmission(manager, cancelled, 'cancel', sent, context.requestId ?? id);
    });
  }

  /** After `submission_failed`: the same submission (same trace number) goes out again, as a new round. */
  async retry(id: string, context: AuditContext): Promise<PreauthSummary> {
    return this.mutate(id, async (manager, request) => {
      const failed = await manager.getRepository(PreauthSubmissionEntity).findOne({
        where: { preauthId: id, state: 'failed', kind: In(['initial', 'extension']) },
        order: { createdAt: 'DESC' },
      });
      await applyTransition(
        manager,
        request,
        { kind: 'retry' },
        { source: 'staff', at: this.clock.now() },
        {
          statusReasonCode: null,
          statusReason: null,
        },
      );
      if (failed === null) throw new Error(`request ${id} failed delivery but has no failed submission`);
      failed.round += 1;
      failed.state = 'pending';
      failed.lastError = null;
      await manager.getRepository(PreauthSubmissionEntity).save(failed);
      await requeueSubmission(manager, failed, context.requestId ?? id);
    });
  }

  /** A payer's answer that staff received by phone, fax or portal (any payer; the only way for `manual` ones). */
  async recordDecision(id: string, decision: PayerDecisionInput): Promise<PreauthSummary> {
    if ((decision.action === 'A2' || decision.action === 'A6') && (decision.approvedUnits ?? null) === null) {
      throw CommonError.validation([
        { field: 'approvedUnits', messages: ['approvedUnits is required for a partial or modified approval'] },
      ]);
    }
    return this.mutate(id, async (manager, request) => {
      await this.decisions.apply(manager, request, decision, 'staff');
    });
  }

  /** The last X12 278 sent for the request (it identifies the patient: audited). */
  async lastX12(id: string, context: AuditContext): Promise<string> {
    const exists = await this.dataSource.getRepository(PreauthRequestEntity).existsBy({ id });
    if (!exists) throw preauthNotFound(id);
    const submission = await this.dataSource
      .getRepository(PreauthSubmissionEntity)
      .createQueryBuilder('s')
      .where('s.preauth_id = :id AND s.x12_request IS NOT NULL', { id })
      .orderBy('s.x12_sent_at', 'DESC')
      .getOne();
    if (submission?.x12Request == null) {
      throw new CommonError(CommonErrorCode.NotFound, `No X12 278 has been sent for pre-auth request ${id}`, { id });
    }
    await this.audit.record(context, {
      action: AuditAction.PreauthReadPhi,
      subjectType: PREAUTH_SUBJECT,
      subjectId: id,
      details: { x12: true, traceNumber: submission.traceNumber },
    });
    return submission.x12Request;
  }

  /** Locks the request, runs `change`, commits, relays any jobs it queued, and answers the new summary. */
  private async mutate(
    id: string,
    change: (manager: EntityManager, request: PreauthRequestEntity) => Promise<void>,
  ): Promise<PreauthSummary> {
    await this.outbox.transaction(async (manager) => change(manager, await lockRequest(manager, id)));
    const request = await this.dataSource.getRepository(PreauthRequestEntity).findOneByOrFail({ id });
    const payer = await this.dataSource.getRepository(PayerEntity).findOneByOrFail({ id: request.payerId });
    return toPreauthSummary(request, payer);
  }
}

const keyIdOf = (context: AuditContext): string | null =>
  context.actor.type === 'api_key' ? context.actor.keyId : null;
