import {
  Controller,
  Get,
  Headers,
  HttpStatus,
  Logger,
  Param,
  Query,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiKeyService, Role } from '@continuum/access';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { Public } from '../access/access-policy';
import {
  type EstimatePageAsset,
  type EstimatePageFile,
  isEstimatePageFile,
  loadEstimatePageAssets,
} from './estimate-page-assets';

/** A publishable key as `POST /v1/api-keys` makes them; anything else is not looked up. */
const PUBLISHABLE_KEY = /^cnt_pub_[A-Za-z0-9_-]{20,100}$/;
/** Origins are checked when a key is saved; this only keeps anything odd out of a header. */
const SERIALISED_ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i;

/**
 * The admissions cost estimator (apps/estimator), served as static files: `GET /estimate?key=cnt_pub_…` is the
 * page to link to or put in an iframe, and `estimator.js` is also the script other sites embed. The page
 * calls the public estimate API with the publishable key like any other browser client, so the key's CORS
 * origins and rate limits apply to it as they do to a clinic's own form.
 *
 * Helmet's defaults forbid framing and cross-origin loading for the whole API; these routes relax exactly
 * that: the page may be framed by the sites its key allows, and the script and stylesheet may be loaded by
 * any site (they hold no data).
 */
@ApiExcludeController()
@Public()
@Controller('estimate')
export class EstimatePageController {
  private readonly logger = new Logger(EstimatePageController.name);
  private readonly assets = loadEstimatePageAssets();

  constructor(private readonly apiKeys: ApiKeyService) {
    if (this.assets === undefined) {
      this.logger.warn('The estimator page was not built (npm run build); /estimate answers 503 until it is');
    }
  }

  @Get()
  async page(
    @Query('key') key: unknown,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const asset = this.asset('index.html');
    const frameAncestors = ["'self'", ...(await this.framingOrigins(key))].join(' ');
    void reply.header(
      'content-security-policy',
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors ${frameAncestors}`,
      ].join('; '),
    );
    // frame-ancestors is what browsers obey; X-Frame-Options cannot name other sites, so it goes.
    reply.removeHeader('x-frame-options');
    // The frame ancestors depend on the key in the address, so a cache must not answer for another key.
    return this.send(reply, asset, ifNoneMatch, 'no-cache');
  }

  @Get(':file')
  file(
    @Param('file') name: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Buffer | undefined {
    if (!isEstimatePageFile(name) || name === 'index.html') {
      throw new CommonError(CommonErrorCode.NotFound, `No such file: /estimate/${name.slice(0, 100)}`);
    }
    // Other sites embed the script (and it loads the stylesheet) with <script src>: allow that.
    void reply.header('cross-origin-resource-policy', 'cross-origin');
    return this.send(reply, this.asset(name), ifNoneMatch, 'public, max-age=300');
  }

  private asset(name: EstimatePageFile): EstimatePageAsset {
    const asset = this.assets?.get(name);
    if (asset === undefined) {
      throw new ServiceUnavailableException('The estimator page was not built: run npm run build');
    }
    return asset;
  }

  private send(
    reply: FastifyReply,
    asset: EstimatePageAsset,
    ifNoneMatch: string | undefined,
    cacheControl: string,
  ): Buffer | undefined {
    void reply.header('cache-control', cacheControl).header('etag', asset.etag).type(asset.contentType);
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === asset.etag)) {
      void reply.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return asset.body;
  }

  /** The sites allowed to frame the page: those the publishable key in its address allows. */
  private async framingOrigins(key: unknown): Promise<string[]> {
    if (typeof key !== 'string' || !PUBLISHABLE_KEY.test(key)) return [];
    const found = await this.apiKeys.authenticate(key);
    if (found?.role !== Role.Admissions) return [];
    return [...found.allowedOrigins].filter((origin) => SERIALISED_ORIGIN.test(origin));
  }
}
