import { Controller, Get } from '@nestjs/common';
import { domainError } from '@hub/shared-kernel';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { databaseUnavailable } from '../database/database-unavailable';
import { ApiErrors } from '../errors/api-errors.decorator';
import { PlatformErrors } from '../errors/platform.errors';
import { ShutdownState } from '../lifecycle/shutdown-state';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] })
  readonly status: 'ok';

  @ApiProperty({ enum: ['up'] })
  readonly database: 'up';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness and database reachability (no token needed)' })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiErrors(PlatformErrors.SHUTTING_DOWN, PlatformErrors.DATABASE_UNAVAILABLE)
  async check(): Promise<HealthResponseDto> {
    if (this.shutdown.draining) {
      // Readiness: a draining instance takes no new traffic.
      throw domainError(PlatformErrors.SHUTTING_DOWN);
    }
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
