import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Role } from '@continuum/access';
import { LEVELS_OF_CARE, type LevelOfCareDefinition } from '@continuum/domain';
import { Allow } from '../access/access-policy';

class LevelOfCareListDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Each level: code, name, unit (day or session), typicalCourse (units, or weeks and days a week), asamLevel, ' +
      'serviceCodes (procedure and revenue codes), placesOfService, x12ServiceTypeCodes, umCategory (AR or HS).',
  })
  data!: LevelOfCareDefinition[];
}

@ApiTags('catalog')
@Controller('v1/levels-of-care')
export class LevelsOfCareController {
  @Get()
  @Allow(Role.Billing, Role.Admissions)
  @ApiOperation({ summary: 'The six levels of care, with units, typical courses, ASAM levels and default codes' })
  @ApiOkResponse({ type: LevelOfCareListDto })
  list(): LevelOfCareListDto {
    return { data: [...LEVELS_OF_CARE] };
  }
}
