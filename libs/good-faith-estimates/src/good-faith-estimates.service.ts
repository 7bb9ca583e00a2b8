import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditAction, type AuditContext, AuditService } from '@continuum/audit';
import { Clock, CommonError, CommonErrorCode } from '@continuum/common';
import { GOOD_FAITH_ESTIMATE_DISCLAIMERS, goodFaithEstimateDueDate } from '@continuum/domain';
import { OutboxRelay } from '@continuum/queue';
import { publishWebhookEvent } from '@continuum/webhooks';
import { GoodFaithEstimateEntity, GoodFaithEstimateVersionEntity } from './good-faith-estimate.entity';
import type {
  GoodFaithEstimateInput,
  GoodFaithEstimateVersionView,
  GoodFaithEstimateView,
} from './good-faith-estimate.types';

const SUBJECT = 'good_faith_estimate';
/** A service scheduled further ahead than this is a typo, not a plan. */
const MAX_YEARS_AHEAD = 2;

const addYears = (day: string, years: number): string => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

/**
 * No Surprises Act Good Faith Estimates for self-pay and uninsured patients. Every change is a new version
 * (all kept); each read and write of the patient's data leaves an audit row.
 */
@Injectable()
export class GoodFaithEstimatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async create(
    input: GoodFaithEstimateInput,
    context: AuditContext,
    today = this.clock.today(),
  ): Promise<GoodFaithEstimateView> {
    const id = await this.outbox.transaction(async (manager) => {
      const estimates = manager.getRepository(GoodFaithEstimateEntity);
      const saved = await estimates.save(estimates.create({ currentVersion: 1 }));
      await insertVersion(manager, saved.id, 1, input, context, { today, now: this.clock.now() });
      await this.audit.record(
        context,
        {
          action: AuditAction.GoodFaithEstimateWritePhi,
          subjectType: SUBJECT,
          subjectId: saved.id,
          details: { version: 1 },
        },
        manager,
      );
      return saved.id;
    });
    return this.get(id, context);
  }

  /** A revision: the whole estimate again, as a new version. Earlier versions stay readable. */
  async revise(
    id: string,
    input: GoodFaithEstimateInput,
    context: AuditContext,
    today = this.clock.today(),
  ): Promise<GoodFaithEstimateView> {
    await this.outbox.transaction(async (manager) => {
      const estimates = manager.getRepository(GoodFaithEstimateEntity);
      const current = await estimates.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (current === null) throw notFound(id);
      const version = current.currentVersion + 1;
      await insertVersion(manager, id, version, input, context, { today, now: this.clock.now() });
      await estimates.update({ id }, { currentVersion: version });
      await this.audit.record(
        context,
        { action: AuditAction.GoodFaithEstimateWritePhi, subjectType: SUBJECT, subjectId: id, details: { version } },
        manager,
      );
    });
    return this.get(id, context);
  }

  /** The current version (or a given one) and the list of versions. Audited: it shows PHI. */
  async get(id: string, context: AuditContext, version?: number): Promise<GoodFaithEstimateView> {
    const estimate = await this.dataSource.getRepository(GoodFaithEstimateEntity).findOneBy({ id });
    if (estimate === null) throw notFound(id);
    const rows = await this.dataSource
      .getRepository(GoodFaithEstimateVersionEntity)
      .find({ where: { goodFaithEstimateId: id }, order: { version: 'ASC' } });
    const wanted = rows.find((r) => r.version === (version ?? estimate.currentVersion));
    if (wanted === undefined)
      throw new CommonError(CommonErrorCode.NotFound, `No version ${String(version)} of Good Faith Estimate ${id}`, {
        id,
        version,
      });
    await this.audit.record(context, {
      action: AuditAction.GoodFaithEstimateReadPhi,
      subjectType: SUBJECT,
      subjectId: id,
      details: { version: wanted.version },
    });
    return {
      id,
      current: toVersionView(wanted),
      versions: rows.map((r) => ({ version: r.version, createdAt: r.createdAt, totalCents: Number(r.totalCents) })),
    };
  }
}

async function insertVersion(
  manager: EntityManager,
  id: string,
  version: number,
  input: GoodFaithEstimateInput,
  context: AuditContext,
  { today, now }: { today: string; now: Date },
): Promise<void> {
  const scheduledDate = input.scheduledDate ?? null;
  if (scheduledDate !== null && (scheduledDate < today || scheduledDate > addYears(today, MAX_YEARS_AHEAD))) {
    throw CommonError.validation([
      { field: 'scheduledDate', messages: [`scheduledDate must be between today and ${MAX_YEARS_AHEAD} years ahead`] },
    ]);
  }
  const due =
    scheduledDate === null
      ? goodFaithEstimateDueDate({ requestedOn: today })
      : goodFaithEstimateDueDate({ scheduledOn: today, scheduledDate });
  const repository = manager.getRepository(GoodFaithEstimateVersionEntity);
  await repository.save(
    repository.create({
      goodFaithEstimateId: id,
      version,
      createdByKeyId: context.actor.type === 'api_key' ? context.actor.keyId : null,
      patientName: input.patient.name,
      patientDateOfBirth: input.patient.dateOfBirth,
      diagnosisCodes: JSON.stringify(input.diagnosisCodes),
      primaryService: input.primaryService,
      scheduledDate,
      issuedOn: today,
      dueDate: due.dueDate,
      dueRule: due.rule,
      providers: input.providers,
      separatelyScheduled: input.separatelyScheduledServices ?? [],
      totalCents: String(totalOf(input.providers)),
    }),
  );
  await publishWebhookEvent(manager, 'good_faith_estimate.issued', { goodFaithEstimateId: id, version }, now);
}

const itemCharge = (item: { units: number; unitChargeCents: number }): number => item.units * item.unitChargeCents;
const providerTotal = (provider: GoodFaithEstimateInput['providers'][number]): number =>
  provider.items.reduce((sum, item) => sum + itemCharge(item), 0);
const totalOf = (providers: GoodFaithEstimateInput['providers']): number =>
  providers.reduce((sum, provider) => sum + providerTotal(provider), 0);

function toVersionView(row: GoodFaithEstimateVersionEntity): GoodFaithEstimateVersionView {
  return {
    version: row.version,
    createdAt: row.createdAt,
    issuedOn: row.issuedOn,
    patient: { name: row.patientName, dateOfBirth: row.patientDateOfBirth },
    primaryService: row.primaryService,
    scheduledDate: row.scheduledDate,
    diagnosisCodes: JSON.parse(row.diagnosisCodes) as string[],
    dueDate: row.dueDate,
    dueRule: row.dueRule,
    providers: row.providers.map((provider) => ({
      ...provider,
      items: provider.items.map((item) => ({ ...item, expectedChargeCents: itemCharge(item) })),
      totalCents: providerTotal(provider),
    })),
    separatelyScheduledServices: row.separatelyScheduled,
    totalCents: Number(row.totalCents),
    disclaimers: GOOD_FAITH_ESTIMATE_DISCLAIMERS,
  };
}

const notFound = (id: string): CommonError =>
  new CommonError(CommonErrorCode.NotFound, `No Good Faith Estimate with id ${id}`, { id });
