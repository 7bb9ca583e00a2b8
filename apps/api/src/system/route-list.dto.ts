import { PageDto } from '../http/page.dto';
import { ApiProperty } from '@nestjs/swagger';

export class RouteDto {
  @ApiProperty({ example: 'GET' })
  method!: string;

  @ApiProperty({ example: '/v1/api-keys/:id' })
  url!: string;
}

export const RouteListDto = PageDto(RouteDto);
