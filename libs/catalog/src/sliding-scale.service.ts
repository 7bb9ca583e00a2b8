import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditAction, type AuditContext } from '@continuum/audit';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { CatalogChanges } from './catalog-changes';
import { CatalogError } from './catalog.errors';
import { slidingScaleProblems } from './catalog-rules';
import type { SlidingScalePolicyInput, SlidingScalePolicyView } from './catalog.types';
import { SlidingScalePolicyEntity } from './entities/sliding-scale-policy.entity';
import { insertPolicy, readCurrentPolicy, toPolicyView } from './catalog-store';

/** The self-pay sliding-scale policy: every change is a new version, the newest is in force. */
@Injectable()
export class SlidingScaleService {
  constructor(
    @InjectRepository(SlidingScalePolicyEntity) private readonly policies: Repository<SlidingScalePolicyEntity>,
    private readonly changes: CatalogChanges,
  ) {}

  async current(): Promise<SlidingScalePolicyView> {
    const policy = await readCurrentPolicy(this.policies.manager);
    if (policy === undefined)
      throw new CommonError(CommonErrorCode.NotFound, 'No sliding-scale policy has been set yet');
    return policy;
  }

  async versions(): Promise<SlidingScalePolicyView[]> {
    return (await this.policies.find({ order: { version: 'DESC' } })).map(toPolicyView);
  }

  async create(input: SlidingScalePolicyInput, context: AuditContext): Promise<SlidingScalePolicyView> {
    CatalogError.throwIfAny(slidingScaleProblems(input));
    const { result } = await this.changes.apply(
      context,
      { action: AuditAction.SlidingScalePolicyCreate, subjectType: 'sliding_scale_policy' },
      async (manager) => {
        const version = await insertPolicy(manager, input);
        return { version, subjectId: String(version) };
      },
    );
    return toPolicyView(await this.policies.findOneByOrFail({ version: result.version }));
  }
}
