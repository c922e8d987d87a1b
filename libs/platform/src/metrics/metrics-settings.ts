import { readEnv } from '../config/env-reader';

/** METRICS, METRICS_PORT, METRICS_HOST: where `/metrics` is served, if at all. */
export interface MetricsSettings {
  /** METRICS=off: no `/metrics` anywhere (the series are still kept, nothing serves them). */
  readonly enabled: boolean;
  /** METRICS_PORT: serve `/metrics` on this port alone (not on the API's); null = on the API's port. */
  readonly port: number | null;
  /** METRICS_HOST: the address of that port's listener (default HOST, else 0.0.0.0). */
  readonly host: string;
}

export function metricsSettings(env: Readonly<Record<string, string | undefined>>): MetricsSettings {
  const read = readEnv(env);
  return {
    enabled: read.boolean('METRICS', true),
    port: read.text('METRICS_PORT') === null ? null : read.integer('METRICS_PORT', 0, 0, 65535),
    host: read.text('METRICS_HOST') ?? read.text('HOST') ?? '0.0.0.0',
  };
}
