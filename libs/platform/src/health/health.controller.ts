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
import { Readiness } from './readiness';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] })
  readonly status!: 'ok';

  @ApiProperty({ enum: ['up'] })
  readonly database!: 'up';
}

export class LivenessResponseDto {
  @ApiProperty({ enum: ['ok'] })
  readonly status!: 'ok';
}

export class ReadinessChecksDto {
  @ApiProperty({ enum: ['up'] })
  readonly database!: 'up';

  @ApiProperty({ enum: ['up'], description: 'every migration of this build is applied' })
  readonly migrations!: 'up';

  @ApiProperty({ enum: ['up'], description: 'the job queue has started' })
  readonly jobQueue!: 'up';
}

export class ReadinessResponseDto {
  @ApiProperty({ enum: ['ok'] })
  readonly status!: 'ok';

  @ApiProperty({ type: ReadinessChecksDto })
  readonly checks!: ReadinessChecksDto;
}

/**
 * `/health` (database reachable, 503 while draining), `/health/live` (the process answers) and
 * `/health/ready` (database, migrations, job queue; 503 while draining). No token needed.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shutdown: ShutdownState,
    private readonly readiness: Readiness,
  ) {}

  @Get()
  @Public({ rateLimited: false })
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

  @Get('live')
  @Public({ rateLimited: false })
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Liveness: 200 while the process runs, draining included (no token needed)',
  })
  @ApiOkResponse({ type: LivenessResponseDto })
  @ApiErrors()
  live(): LivenessResponseDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public({ rateLimited: false })
  @ApiOperation({
    operationId: 'getReadiness',
    summary:
      'Readiness: the database answers, migrations are applied, the job queue has started; 503 NOT_READY or SHUTTING_DOWN otherwise (no token needed)',
  })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiErrors(PlatformErrors.NOT_READY, PlatformErrors.SHUTTING_DOWN)
  async ready(): Promise<ReadinessResponseDto> {
    return { status: 'ok', checks: await this.readiness.check() };
  }
}
