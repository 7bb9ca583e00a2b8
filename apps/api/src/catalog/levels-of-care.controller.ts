import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@continuum/access';
import { type Page, pageOf } from '@continuum/common';
import { LEVELS_OF_CARE, type LevelOfCareDefinition } from '@continuum/domain';
import { Allow } from '../access/access-policy';
import { PageDto } from '../http/page.dto';
import { LevelOfCareDto } from './catalog-response.dto';

@ApiTags('catalog')
@Controller('v1/levels-of-care')
export class LevelsOfCareController {
  @Get()
  @Allow(Role.Billing, Role.Admissions)
  @ApiOperation({ summary: 'The six levels of care, with units, typical courses, ASAM levels and default codes' })
  @ApiOkResponse({ type: PageDto(LevelOfCareDto) })
  list(): Page<LevelOfCareDefinition> {
    return pageOf([...LEVELS_OF_CARE]);
  }
}
