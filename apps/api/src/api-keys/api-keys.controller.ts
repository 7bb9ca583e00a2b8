import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyService } from '@continuum/access';
import { type Page, pageOf } from '@continuum/common';
import { AdminOnly } from '../access/access-policy';
import { PageDto } from '../http/page.dto';
import { type Caller, CurrentCaller } from '../access/caller';
import { ErrorBodyDto } from '../http/error-body.dto';
import { uuidParam } from '../http/uuid-param';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQueryDto, toApiKeyDto } from './api-key.dto';

@ApiTags('api-keys')
@AdminOnly()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key; the answer is the only place its secret is ever shown' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async create(@Body() body: CreateApiKeyDto, @CurrentCaller() caller: Caller): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.apiKeys.create(body, caller);
    return { ...toApiKeyDto(key), key: secret };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (active ones unless includeRevoked=true), newest first' })
  @ApiOkResponse({ type: PageDto(ApiKeyDto) })
  async list(@Query() query: ListApiKeysQueryDto): Promise<Page<ApiKeyDto>> {
    const keys = await this.apiKeys.list({ includeRevoked: query.includeRevoked ?? false });
    return pageOf(keys.map(toApiKeyDto));
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiOperation({ summary: 'One API key (never its secret)' })
  async get(@Param('id', uuidParam('id')) id: string): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.apiKeys.get(id));
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke an API key (idempotent); it stops working at once on this replica, within 5 s on others',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: '`conflict`: the last active admin key cannot be revoked.' })
  async revoke(@Param('id', uuidParam('id')) id: string, @CurrentCaller() caller: Caller): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.apiKeys.revoke(id, caller));
  }
}
