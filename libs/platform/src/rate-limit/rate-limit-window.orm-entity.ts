import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Fixed one-minute windows of the rate limiter, shared by every hub instance on the database:
 * one row per bucket (who, and which limit) and minute, counted up in one statement.
 */
@Entity({ name: 'platform_rate_limit_windows' })
export class RateLimitWindowOrmEntity {
  /** A hash of the limit's name and the caller (subject + institution, or client IP). */
  @PrimaryColumn({ type: 'text' })
  bucket!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'int' })
  count!: number;
}
