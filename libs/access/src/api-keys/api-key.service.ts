import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { AuditAction, type AuditContext, AuditService, SYSTEM_CONTEXT } from '@continuum/audit';
import { Role } from '../role';
import { ApiKeyEntity } from './api-key.entity';
import { generateApiKeySecret, hashApiKeySecret, prefixOfSecret } from './api-key-secret';
import { browserOriginProblem, normalizeBrowserOrigin } from './browser-origin';

/** A key as administrators see it: everything but the secret. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  keyPrefix: string;
  allowedOrigins: string[];
  createdAt: Date;
  createdByKeyId: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The caller behind a presented key, as access control needs it. */
export interface AuthenticatedKey {
  id: string;
  role: Role;
  allowedOrigins: ReadonlySet<string>;
}

export interface CreateApiKeyInput {
  name: string;
  role: Role;
  /** Required (and only allowed) for admissions keys. */
  allowedOrigins?: string[];
}

/** How long a replica trusts what it looked up: a revocation elsewhere takes effect within this time. */
export const API_KEY_CACHE_TTL_MS = 5_000;
const CACHE_MAX_ENTRIES = 10_000;
const LAST_USED_WRITE_INTERVAL_MS = 60_000;
const BOOTSTRAP_KEY_NAME = 'ADMIN_API_KEY (bootstrap)';

interface Cached<T> {
  value: T;
  expiresAt: number;
}

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger(ApiKeyService.name);
  private readonly keysByHash = new Map<string, Cached<AuthenticatedKey | null>>();
  private readonly lastUsedWrites = new Map<string, number>();
  private admissionsOrigins: Cached<ReadonlySet<string>> | undefined;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Creates a key and returns its secret, the only time it is ever available. */
  async create(input: CreateApiKeyInput, context: AuditContext): Promise<{ key: ApiKeyView; secret: string }> {
    const allowedOrigins = allowedOriginsFor(input.role, input.allowedOrigins);
    const { secret, hash, prefix } = generateApiKeySecret(input.role);
    const createdByKeyId = context.actor.type === 'api_key' ? context.actor.keyId : null;
    const key = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(ApiKeyEntity).save(
        manager.getRepository(ApiKeyEntity).create({
          name: input.name.trim(),
          role: input.role,
          keyHash: hash,
          keyPrefix: prefix,
          allowedOrigins,
          createdByKeyId,
        }),
      );
      await this.audit.record(
        context,
        {
          action: AuditAction.ApiKeyCreate,
          subjectType: 'api_key',
          subjectId: saved.id,
          details: { role: input.role },
        },
        manager,
      );
      return saved;
    });
    this.admissionsOrigins = undefined;
    return { key: toApiKeyView(key), secret };
  }

  async list(options: { includeRevoked: boolean }): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({
      where: options.includeRevoked ? {} : { revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return rows.map(toApiKeyView);
  }

  async get(id: string): Promise<ApiKeyView> {
    const row = await this.keys.findOneBy({ id });
    if (row === null) throw notFound(id);
    return toApiKeyView(row);
  }

  /**
   * Revokes a key (idempotent: revoking a revoked key changes nothing). The last active admin key cannot be
   * revoked, so a deployment can never lock its administrators out.
   */
  async revoke(id: string, context: AuditContext): Promise<ApiKeyView> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKeyEntity);
      const row = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (row === null) throw notFound(id);
      if (row.revokedAt !== null) return row;
      if (row.role === Role.Admin) {
        // Locking every active admin key serialises concurrent revocations, so two admins cannot revoke each other's last keys at once.
        const activeAdmins = await repository.find({
          where: { role: Role.Admin, revokedAt: IsNull() },
          lock: { mode: 'pessimistic_write' },
        });
        if (activeAdmins.length <= 1) {
          throw new CommonError(CommonErrorCode.Conflict, 'The last active admin key cannot be revoked', {
            id,
          });
        }
      }
      row.revokedAt = new Date();
      await repository.save(row);
      await this.audit.record(
        context,
        { action: AuditAction.ApiKeyRevoke, subjectType: 'api_key', subjectId: id, details: { role: row.role } },
        manager,
      );
      return row;
    });
    this.forgetCachedKey(revoked.keyHash);
    this.admissionsOrigins = undefined;
    return toApiKeyView(revoked);
  }

  /** The active key behind a presented secret, or undefined. Cached briefly (see API_KEY_CACHE_TTL_MS). */
  async authenticate(secret: string): Promise<AuthenticatedKey | undefined> {
    const hash = hashApiKeySecret(secret);
    const now = Date.now();
    const cached = this.keysByHash.get(hash);
    let key: AuthenticatedKey | null;
    if (cached !== undefined && cached.expiresAt > now) {
      key = cached.value;
    } else {
      const row = await this.keys.findOneBy({ keyHash: hash, revokedAt: IsNull() });
      key = row === null ? null : { id: row.id, role: row.role, allowedOrigins: new Set(row.allowedOrigins) };
      if (this.keysByHash.size >= CACHE_MAX_ENTRIES) this.keysByHash.clear();
      this.keysByHash.set(hash, { value: key, expiresAt: now + API_KEY_CACHE_TTL_MS });
    }
    if (key === null) return undefined;
    this.noteUse(key.id, now);
    return key;
  }

  /** True when some active admissions key allows this browser origin (CORS preflights carry no key). */
  async isAdmissionsOrigin(origin: string): Promise<boolean> {
    const now = Date.now();
    if (this.admissionsOrigins === undefined || this.admissionsOrigins.expiresAt <= now) {
      const rows: { origin: string }[] = await this.dataSource.query(
        `SELECT DISTINCT unnest(allowed_origins) AS origin FROM api_keys WHERE role = $1 AND revoked_at IS NULL`,
        [Role.Admissions],
      );
      this.admissionsOrigins = { value: new Set(rows.map((r) => r.origin)), expiresAt: now + API_KEY_CACHE_TTL_MS };
    }
    return this.admissionsOrigins.value.has(origin);
  }

  /**
   * ADMIN_API_KEY: makes sure an active admin key with exactly this secret exists (creating it, or restoring
   * it if it was revoked). Safe when several replicas start at once.
   */
  async ensureBootstrapAdminKey(secret: string): Promise<'created' | 'restored' | 'unchanged'> {
    const hash = hashApiKeySecret(secret);
    const outcome = await this.dataSource.transaction(
      async (manager): Promise<'created' | 'restored' | 'unchanged'> => {
        const inserted: { id: string }[] = await manager.query(
          `INSERT INTO api_keys (name, role, key_hash, key_prefix) VALUES ($1, 'admin', $2, $3)
         ON CONFLICT (key_hash) DO NOTHING RETURNING id`,
          [BOOTSTRAP_KEY_NAME, hash, prefixOfSecret(secret)],
        );
        const [restored]: [{ id: string }[], number] =
          inserted.length > 0
            ? [[], 0]
            : await manager.query(
                `UPDATE api_keys SET revoked_at = NULL, role = 'admin', allowed_origins = '{}'
             WHERE key_hash = $1 AND (revoked_at IS NOT NULL OR role <> 'admin') RETURNING id`,
                [hash],
              );
        const id = inserted[0]?.id ?? restored[0]?.id;
        if (id === undefined) return 'unchanged';
        await this.audit.record(
          SYSTEM_CONTEXT,
          {
            action: AuditAction.ApiKeyBootstrap,
            subjectType: 'api_key',
            subjectId: id,
            details: { restored: inserted.length === 0 },
          },
          manager,
        );
        return inserted.length > 0 ? 'created' : 'restored';
      },
    );
    this.forgetCachedKey(hash);
    return outcome;
  }

  private forgetCachedKey(hash: string): void {
    this.keysByHash.delete(hash);
  }

  /** Records `last_used_at` without a write per request, and without making the request wait for it. */
  private noteUse(id: string, now: number): void {
    const last = this.lastUsedWrites.get(id);
    if (last !== undefined && now - last < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWrites.set(id, now);
    this.keys.update({ id }, { lastUsedAt: new Date(now) }).catch((error: unknown) => {
      this.lastUsedWrites.delete(id);
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error), keyId: id },
        'last_used_at not recorded',
      );
    });
  }
}

function allowedOriginsFor(role: Role, requested: string[] | undefined): string[] {
  const origins = requested ?? [];
  if (role !== Role.Admissions) {
    if (origins.length > 0) {
      throw CommonError.validation([
        { field: 'allowedOrigins', messages: ['only admissions keys have allowed origins'] },
      ]);
    }
    return [];
  }
  if (origins.length === 0) {
    throw CommonError.validation([
      {
        field: 'allowedOrigins',
        messages: ['an admissions key needs at least one browser origin such as https://clinic.example'],
      },
    ]);
  }
  const problems = origins.map(browserOriginProblem).filter((problem) => problem !== undefined);
  if (problems.length > 0) throw CommonError.validation([{ field: 'allowedOrigins', messages: problems }]);
  const normalized = origins.map(normalizeBrowserOrigin);
  return [...new Set(normalized as string[])];
}

const notFound = (id: string): CommonError =>
  new CommonError(CommonErrorCode.NotFound, `No API key with id ${id}`, { id });

function toApiKeyView(row: ApiKeyEntity): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    keyPrefix: row.keyPrefix,
    allowedOrigins: row.allowedOrigins,
    createdAt: row.createdAt,
    createdByKeyId: row.createdByKeyId,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
