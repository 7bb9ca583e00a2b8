import { Injectable } from '@nestjs/common';
import { PayerEventProcessor, PreauthSubmitter, PreauthSweepService } from '@continuum/preauth';
import {
  type JobContext,
  JobName,
  OnJob,
  type PayerEventJob,
  type PreauthSubmitJob,
  type PreauthSweepJob,
} from '@continuum/queue';

@Injectable()
export class PreauthJobsProcessor {
  constructor(
    private readonly submitter: PreauthSubmitter,
    private readonly sweeper: PreauthSweepService,
    private readonly payerEvents: PayerEventProcessor,
  ) {}

  @OnJob(JobName.PreauthSubmit)
  submit(payload: PreauthSubmitJob, context: JobContext): Promise<void> {
    return this.submitter.submit(payload, context);
  }

  @OnJob(JobName.PayerEvent)
  applyPayerEvent(payload: PayerEventJob, context: JobContext): Promise<void> {
    return this.payerEvents.process(payload, context);
  }

  @OnJob(JobName.PreauthSweep)
  async sweep(_payload: PreauthSweepJob): Promise<void> {
    await this.sweeper.sweep();
  }
}
