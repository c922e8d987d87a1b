import { ConfigError } from '../config/app-config';

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
  const flag = env.METRICS?.trim().toLowerCase() || 'on';
  if (!['on', 'off', 'true', 'false'].includes(flag)) {
    throw new ConfigError('METRICS', `must be on or off (got "${flag}")`);
  }
  const portText = env.METRICS_PORT?.trim();
  let port: number | null = null;
  if (portText) {
    if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
      throw new ConfigError('METRICS_PORT', `must be a port number from 0 to 65535 (got "${portText}")`);
    }
    port = Number(portText);
  }
  return {
    enabled: flag === 'on' || flag === 'true',
    port,
    host: env.METRICS_HOST?.trim() || env.HOST?.trim() || '0.0.0.0',
  };
}
