import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { databaseUnavailable } from '../database/database-unavailable';
import { ApiErrors } from '../errors/api-errors.decorator';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] })
  readonly status: 'ok';

  @ApiProperty({ enum: ['up'] })
  readonly database: 'up';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness and database reachability (no token needed)' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiErrors(503)
  async check(): Promise<HealthResponseDto> {
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
    } catch {
      throw databaseUnavailable();
    }
    return { status: 'ok', database: 'up' };
  }
}
