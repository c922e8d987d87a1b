import pretty from 'pino-pretty';
import type { DestinationStream } from 'pino';
import { ConfigError } from '../config/app-config';

/**
 * LOG_FORMAT: `pretty` (the default in development: one coloured line per entry, through
 * pino-pretty, in-process and synchronous, so the start-up banner prints after the start-up logs)
 * or `json` (the default otherwise: one JSON object per line, for log shippers).
 * Returns the stream for pretty logs, or undefined for JSON on stdout.
 */
export function prettyLogStream(
  env: Readonly<Record<string, string | undefined>>,
): DestinationStream | undefined {
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  const format = env.LOG_FORMAT?.trim().toLowerCase() || (nodeEnv === 'development' ? 'pretty' : 'json');
  if (format !== 'pretty' && format !== 'json') {
    throw new ConfigError('LOG_FORMAT', `must be pretty or json (got "${format}")`);
  }
  if (format === 'json') return undefined;
  return pretty({
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,context',
    messageFormat: (log, messageKey) => {
      const context = log.context ? `[${String(log.context)}] ` : '';
      const request = log.req as { method?: string; route?: string } | undefined;
      const response = log.res as { statusCode?: number } | undefined;
      const http = request ? ` ${request.method} ${request.route} ${response?.statusCode ?? ''}` : '';
      return `${context}${String(log[messageKey] ?? '')}${http}`;
    },
  });
}
