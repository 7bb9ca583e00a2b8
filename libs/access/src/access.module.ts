import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@continuum/audit';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeyService } from './api-keys/api-key.service';
import { PhiModule } from './phi/phi.module';
import { AdmissionsRateLimiter } from './rate-limit/admissions-rate-limiter';

/** Who may call the API: API keys and their roles, admissions rate limits, and PHI protection. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), AuditModule, PhiModule],
  providers: [ApiKeyService, AdmissionsRateLimiter],
  exports: [ApiKeyService, AdmissionsRateLimiter, PhiModule],
})
export class AccessModule {}
