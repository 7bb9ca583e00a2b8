import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Role } from '@continuum/access';
import { Allow } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  keyId!: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role!: Role;

  @ApiProperty({ type: [String], description: 'Admissions keys: the browser origins the key may be used from.' })
  allowedOrigins!: string[];
}

/** Lets an integrator check a key (and a web page its publishable key) without touching any data. */
@ApiTags('api-keys')
@Controller('v1/me')
export class MeController {
  @Get()
  @Allow(Role.Billing, Role.Admissions)
  @ApiOperation({ summary: 'The key making this request: its id, role and allowed origins' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentCaller() caller: Caller): MeDto {
    return { keyId: caller.key.id, role: caller.key.role, allowedOrigins: [...caller.key.allowedOrigins] };
  }
}
