import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pageOf } from '@continuum/common';
import type { PreauthUrgency } from '@continuum/domain';
import type { TurnaroundReport, TurnaroundRow } from './preauth.types';

interface TurnaroundSqlRow {
  payer_id: string;
  payer_code: string;
  payer_name: string;
  urgency: PreauthUrgency;
  requests: string;
  decided: string;
  approved: string;
  partially_approved: string;
  denied: string;
  no_auth_required: string;
  approved_after_extension: string;
  overdue: string;
  average_hours: string | null;
  median_hours: string | null;
}

const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
const hours = (value: string | null): number | null => (value === null ? null : Math.round(Number(value) * 10) / 10);

/**
 * Payer turnaround, measured from the provider's side: what CMS-0057-F makes impacted payers publish (shares
 * approved and denied, average and median decision time per urgency), per payer, for requests received in
 * a date range.
 */
@Injectable()
export class PreauthReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `from` and `to` are dates (UTC), both included. */
  async payerTurnaround(from: string, to: string): Promise<TurnaroundReport> {
    const rows = await this.dataSource.query<TurnaroundSqlRow[]>(
      `WITH requests AS (
         SELECT r.payer_id, r.urgency, r.decided_at, r.decision_outcome, r.overdue_since,
                (r.accepted_answer ->> 'decisionDueAt')::timestamptz AS first_due_at,
                EXTRACT(EPOCH FROM (r.decided_at - r.received_at)) / 3600 AS decision_hours,
                EXISTS (SELECT 1 FROM preauth_events e
                         WHERE e.preauth_id = r.id AND e.type = 'status_changed'
                           AND e.from_status IN ('extension_submitted', 'extension_pended')
                           AND e.to_status = 'approved') AS extended
           FROM preauth_requests r
          WHERE r.received_at >= $1::date AND r.received_at < ($2::date + 1))
       SELECT p.id AS payer_id, p.code AS payer_code, p.name AS payer_name, q.urgency,
              count(*) AS requests,
              count(q.decided_at) FILTER (WHERE q.decision_outcome <> 'cancelled') AS decided,
              count(*) FILTER (WHERE q.decision_outcome = 'approved') AS approved,
              count(*) FILTER (WHERE q.decision_outcome = 'partially_approved') AS partially_approved,
              count(*) FILTER (WHERE q.decision_outcome = 'denied') AS denied,
              count(*) FILTER (WHERE q.decision_outcome = 'no_auth_required') AS no_auth_required,
              count(*) FILTER (WHERE q.extended) AS approved_after_extension,
              count(*) FILTER (WHERE q.decided_at > q.first_due_at OR q.overdue_since IS NOT NULL) AS overdue,
              avg(q.decision_hours) AS average_hours,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY q.decision_hours) AS median_hours
         FROM requests q JOIN payers p ON p.id = q.payer_id
        GROUP BY p.id, p.code, p.name, q.urgency
        ORDER BY p.code, q.urgency`,
      [from, to],
    );
    return { from, to, ...pageOf(rows.map(toRow)) };
  }
}

function toRow(row: TurnaroundSqlRow): TurnaroundRow {
  const decided = Number(row.decided);
  const approved = Number(row.approved);
  const partiallyApproved = Number(row.partially_approved);
  const denied = Number(row.denied);
  const approvedAfterExtension = Number(row.approved_after_extension);
  return {
    payer: { id: row.payer_id, code: row.payer_code, name: row.payer_name },
    urgency: row.urgency,
    requests: Number(row.requests),
    decided,
    approved,
    partiallyApproved,
    denied,
    noAuthRequired: Number(row.no_auth_required),
    approvedAfterExtension,
    approvedPercent: percent(approved + partiallyApproved, decided),
    deniedPercent: percent(denied, decided),
    approvedAfterExtensionPercent: percent(approvedAfterExtension, decided),
    averageDecisionHours: hours(row.average_hours),
    medianDecisionHours: hours(row.median_hours),
    overdue: Number(row.overdue),
  };
}
