import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '@continuum/config';
import { createRedisConnection } from '@continuum/queue';

const WINDOW_SECONDS = 60;

export interface RateLimitDecision {
  allowed: boolean;
  /** The tighter of the two limits, for `RateLimit-*` headers. */
  limit: number;
  remaining: number;
  /** Seconds until the window that refused (or the tighter window) resets; the `Retry-After` value. */
  resetSeconds: number;
}

/**
 * Rate limits for publishable admissions keys: one budget per key (all visitors of a page together) and one
 * per client address (so one visitor cannot spend a page's budget). Counters live in Redis, so the limits
 * hold across API replicas. If Redis is unreachable each replica falls back to counting in memory rather
 * than letting everything through or refusing everyone.
 */
@Injectable()
export class AdmissionsRateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(AdmissionsRateLimiter.name);
  private readonly connection: IORedis;
  private readonly perKey: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(config: AppConfig) {
    const { perKeyPerMinute, perAddressPerMinute } = config.access.admissionsRateLimit;
    this.connection = createRedisConnection(config.redis.url, 'producer', 'continuum-rate-limits');
    this.connection.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'redis connection error'));
    const limiter = (name: string, points: number): RateLimiterRedis =>
      new RateLimiterRedis({
        storeClient: this.connection,
        keyPrefix: `${config.redis.queuePrefix}:rate:${name}`,
        points,
        duration: WINDOW_SECONDS,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      });
    this.perKey = limiter('admissions-key', perKeyPerMinute);
    this.perAddress = limiter('admissions-address', perAddressPerMinute);
  }

  async consume(keyId: string, clientAddress: string): Promise<RateLimitDecision> {
    const [byKey, byAddress] = await Promise.all([
      outcome(this.perKey, keyId),
      outcome(this.perAddress, clientAddress),
    ]);
    const refused = [byKey, byAddress].filter((o) => !o.allowed);
    const binding = refused[0] ?? (byKey.remaining <= byAddress.remaining ? byKey : byAddress);
    const resetSeconds = Math.max(...(refused.length > 0 ? refused : [binding]).map((o) => o.resetSeconds));
    return { allowed: refused.length === 0, limit: binding.limit, remaining: binding.remaining, resetSeconds };
  }

  onApplicationShutdown(): void {
    this.connection.disconnect();
  }
}

async function outcome(limiter: RateLimiterRedis, key: string): Promise<RateLimitDecision> {
  const toDecision = (allowed: boolean, res: RateLimiterRes): RateLimitDecision => ({
    allowed,
    limit: limiter.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
  try {
    return toDecision(true, await limiter.consume(key));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return toDecision(false, rejection);
    throw rejection;
  }
}
