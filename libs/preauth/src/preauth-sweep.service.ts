import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import {
  addDays,
  AUTHORIZATION_EXPIRING_NOTICE_DAYS,
  AUTHORIZATION_IN_FORCE,
  AWAITING_DECISION,
  DEFAULT_CONCURRENT_REVIEW_POLICY,
  PreauthStatus,
  todayUtc,
} from '@continuum/domain';
import { Clock } from '@continuum/common';
import { OutboxRelay } from '@continuum/queue';
import { publishWebhookEvent } from '@continuum/webhooks';
import { PreauthRequestEntity } from './entities/preauth-request.entity';
import { refreshReviewFlags } from './preauth-decisions.service';
import { remainingUnitsOf } from './preauth-views';
import { applyTransition, lockRequest, recordEvent } from './preauth-history';

/** Rows handled per pass of each rule; the next pass takes the rest. */
const BATCH = 500;

export interface SweepReport {
  overdue: number;
  expired: number;
  /** Authorizations near their end date that were checked for a review flag. */
  reviewChecked: number;
  /** Authorizations whose coming end was announced (`authorization.expiring`). */
  expiring: number;
}

/**
 * The repeatable pre-auth sweep: marks decisions that are past due (an event each), expires authorizations
 * whose last covered day has passed, raises concurrent-review flags as end dates come near, and announces
 * authorizations about to expire. Each finding is an event row and a webhook notification.
 */
@Injectable()
export class PreauthSweepService {
  private readonly logger = new Logger(PreauthSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async sweep(now = this.clock.now()): Promise<SweepReport> {
    const report = {
      overdue: await this.markOverdue(now),
      expired: await this.expire(now),
      reviewChecked: await this.checkReviews(now),
      expiring: await this.announceExpiring(now),
    };
    if (report.overdue + report.expired + report.expiring > 0) this.logger.log(report, 'pre-auth sweep');
    return report;
  }

  /** One statement marks and records: a second sweep running at once finds nothing left to mark. */
  private async markOverdue(now: Date): Promise<number> {
    return this.outbox.transaction(async (manager) => {
      const rows = await manager.query<{ preauth_id: string; to_status: PreauthStatus; decision_due_at: string }[]>(
        `WITH due AS (
         UPDATE preauth_requests SET overdue_since = $1
          WHERE id IN (SELECT id FROM preauth_requests
                        WHERE status = ANY($2) AND decision_due_at < $1 AND overdue_since IS NULL
                        ORDER BY decision_due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING id, status, decision_due_at)
       INSERT INTO preauth_events (preauth_id, occurred_at, type, from_status, to_status, source, reason, details)
       SELECT id, $1, 'decision_overdue', status, status, 'sweep', 'no payer decision by the due time',
              jsonb_build_object('decisionDueAt', to_char(decision_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
         FROM due
       RETURNING preauth_id, to_status, details->>'decisionDueAt' AS decision_due_at`,
        [now, [...AWAITING_DECISION]],
      );
      for (const row of rows) {
        await publishWebhookEvent(
          manager,
          'preauth.decision_overdue',
          {
            preauthId: row.preauth_id,
            status: row.to_status,
            decisionDueAt: row.decision_due_at,
          },
          now,
        );
      }
      return rows.length;
    });
  }

  private async expire(now: Date): Promise<number> {
    const today = todayUtc(now);
    const ids = await this.dataSource.getRepository(PreauthRequestEntity).find({
      select: { id: true },
      where: { status: In([...AUTHORIZATION_IN_FORCE]), validTo: LessThan(today) },
      take: BATCH,
    });
    let expired = 0;
    for (const { id } of ids) {
      await this.outbox.transaction(async (manager) => {
        const request = await lockRequest(manager, id);
        if (request.validTo === null || request.validTo >= today) return;
        await applyTransition(
          manager,
          request,
          { kind: 'expire' },
          {
            source: 'sweep',
            at: now,
            reason: `the last covered day ${request.validTo} has passed`,
          },
          { reviewReasons: [] },
        );
        expired += 1;
      });
    }
    return expired;
  }

  /** End dates come near with time alone (utilization raises the units flag when it is recorded). */
  private async checkReviews(now: Date): Promise<number> {
    const today = todayUtc(now);
    const candidates = await this.dataSource
      .getRepository(PreauthRequestEntity)
      .createQueryBuilder('r')
      .select('r.id')
      .where('r.status IN (:...statuses)', { statuses: [...AUTHORIZATION_IN_FORCE] })
      .andWhere(`NOT (r.review_reasons ? 'end_date_near')`)
      .andWhere('r.valid_to <= :horizon', {
        horizon: addDays(today, DEFAULT_CONCURRENT_REVIEW_POLICY.daysBeforeEnd),
      })
      .orderBy('r.valid_to', 'ASC')
      .limit(BATCH)
      .getMany();
    for (const { id } of candidates) {
      await this.outbox.transaction(async (manager) => {
        await refreshReviewFlags(manager, await lockRequest(manager, id), 'sweep', now);
      });
    }
    return candidates.length;
  }

  /** Once per end date, a few days before it: the provider's systems can plan a review or a discharge. */
  private async announceExpiring(now: Date): Promise<number> {
    const today = todayUtc(now);
    const candidates = await this.dataSource
      .getRepository(PreauthRequestEntity)
      .createQueryBuilder('r')
      .select('r.id')
      .where('r.status IN (:...statuses)', { statuses: [...AUTHORIZATION_IN_FORCE] })
      .andWhere('r.valid_to BETWEEN :today AND :horizon', {
        today,
        horizon: addDays(today, AUTHORIZATION_EXPIRING_NOTICE_DAYS),
      })
      .andWhere('r.expiring_noticed_for IS DISTINCT FROM r.valid_to')
      .orderBy('r.valid_to', 'ASC')
      .limit(BATCH)
      .getMany();
    let announced = 0;
    for (const { id } of candidates) {
      await this.outbox.transaction(async (manager) => {
        const request = await lockRequest(manager, id);
        const validTo = request.validTo;
        if (validTo === null || request.expiringNoticedFor === validTo || !AUTHORIZATION_IN_FORCE.has(request.status)) {
          return;
        }
        const remainingUnits = remainingUnitsOf(request);
        await manager.getRepository(PreauthRequestEntity).update({ id }, { expiringNoticedFor: validTo });
        await recordEvent(manager, request, 'authorization_expiring', {
          source: 'sweep',
          at: now,
          reason: `the authorization ends on ${validTo}`,
          details: { validTo, remainingUnits },
        });
        await publishWebhookEvent(
          manager,
          'authorization.expiring',
          {
            preauthId: id,
            status: request.status,
            validTo,
            remainingUnits,
          },
          now,
        );
        announced += 1;
      });
    }
    return announced;
  }
}
