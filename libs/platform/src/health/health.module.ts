import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

/**
 * `/health`, `/health/live` and `/health/ready`. Terminus's own logger is off: a failing readiness
 * check is an answer (503), not an error to log, and a normal shutdown logs nothing above info.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [Readiness],
})
export class HealthModule {}
