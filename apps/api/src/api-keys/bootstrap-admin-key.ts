import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeyService } from '@continuum/access';
import { AppConfig } from '@continuum/config';

/** ADMIN_API_KEY: after migrations, make sure that admin key exists and is active. */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminKey.name);

  constructor(
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const secret = this.config.access.bootstrapAdminKey;
    if (secret === undefined) return;
    const outcome = await this.apiKeys.ensureBootstrapAdminKey(secret);
    if (outcome === 'restored') {
      // Someone revoked it: if that was because it leaked, ADMIN_API_KEY must change (or go) too.
      this.logger.warn(
        'the ADMIN_API_KEY admin key had been revoked and is active again; change ADMIN_API_KEY if it leaked',
      );
    } else {
      this.logger.log({ outcome }, 'the ADMIN_API_KEY admin key is active');
    }
  }
}
