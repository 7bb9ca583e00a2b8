import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditAction, type AuditContext } from '@continuum/audit';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { CatalogChanges } from './catalog-changes';
import { CatalogError } from './catalog.errors';
import { toPlanContent, toPlanView } from './catalog.mapping';
import { planProblems } from './catalog-rules';
import type { PlanContent, PlanInput, PlanView } from './catalog.types';
import { PayerEntity } from './entities/payer.entity';
import { PlanBenefitEntity } from './entities/plan-benefit.entity';
import { PlanEntity } from './entities/plan.entity';
import { PayersService } from './payers.service';
import { insertPlan, updatePlan } from './catalog-store';

@Injectable()
export class PlansService {
  constructor(
    @InjectRepository(PlanEntity) private readonly plans: Repository<PlanEntity>,
    @InjectRepository(PlanBenefitEntity) private readonly benefits: Repository<PlanBenefitEntity>,
    @InjectRepository(PayerEntity) private readonly payerRows: Repository<PayerEntity>,
    private readonly payers: PayersService,
    private readonly changes: CatalogChanges,
  ) {}

  async create(input: PlanInput, context: AuditContext): Promise<PlanView> {
    const payer = await this.payers.find(input.payerId);
    const { payerId: _payerId, ...content } = input;
    CatalogError.throwIfAny(planProblems(content));
    const { result } = await this.changes.apply(
      context,
      { action: AuditAction.PlanCreate, subjectType: 'plan' },
      async (manager) => {
        const id = await insertPlan(manager, payer.id, content);
        return { id, subjectId: id };
      },
    );
    return this.get(result.id);
  }

  /** All plans, or one payer's (by id or code), by name. */
  async list(options: { payer?: string; activeOnly?: boolean } = {}): Promise<PlanView[]> {
    const payer = options.payer === undefined ? undefined : await this.payers.find(options.payer);
    const rows = await this.plans.find({
      where: {
        ...(payer === undefined ? {} : { payerId: payer.id }),
        ...(options.activeOnly === true ? { active: true } : {}),
      },
      order: { name: 'ASC', id: 'ASC' },
    });
    return this.views(rows);
  }

  async get(id: string): Promise<PlanView> {
    const row = await this.plans.findOneBy({ id });
    if (row === null) throw new CommonError(CommonErrorCode.NotFound, `No plan with id ${id}`, { id });
    const [view] = await this.views([row]);
    return view;
  }

  /** A PATCH replaces whole parts: `networks` and `benefits` are replaced as a whole when given. */
  async update(id: string, patch: Partial<PlanContent>, context: AuditContext): Promise<PlanView> {
    await this.get(id);
    await this.changes.apply(
      context,
      { action: AuditAction.PlanUpdate, subjectType: 'plan', subjectId: id },
      async (manager) => {
        // Read and merge under the catalog write lock, so two concurrent PATCHes cannot undo each other.
        const plan = await manager.getRepository(PlanEntity).findOneByOrFail({ id });
        const benefits = await manager.getRepository(PlanBenefitEntity).findBy({ planId: id });
        const merged: PlanContent = { ...toPlanContent(plan, benefits), ...patch };
        CatalogError.throwIfAny(planProblems(merged));
        await updatePlan(manager, plan.payerId, id, merged);
        return {};
      },
    );
    return this.get(id);
  }

  private async views(rows: PlanEntity[]): Promise<PlanView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const benefits = await this.benefits.findBy({ planId: In(ids) });
    const payers = await this.payerRows.findBy({ id: In([...new Set(rows.map((r) => r.payerId))]) });
    const codes = new Map(payers.map((p) => [p.id, p.code]));
    return rows.map((row) =>
      toPlanView(
        row,
        benefits.filter((b) => b.planId === row.id),
        codes.get(row.payerId) ?? '',
      ),
    );
  }
}
