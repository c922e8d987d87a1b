import pretty from 'pino-pretty';
import type { DestinationStream } from 'pino';
import { readEnv } from '../config/env-reader';

/**
 * LOG_FORMAT: `pretty` (the default in development: one coloured line per entry, through
 * pino-pretty, in-process and synchronous, so the start-up banner prints after the start-up logs)
 * or `json` (the default otherwise: one JSON object per line, for log shippers).
 * Returns the stream for pretty logs, or undefined for JSON on stdout.
 */
export function prettyLogStream(
  env: Readonly<Record<string, string | undefined>>,
): DestinationStream | undefined {
  const read = readEnv(env);
  const nodeEnv = read.text('NODE_ENV') ?? 'development';
  const format = read.oneOf(
    'LOG_FORMAT',
    ['pretty', 'json'] as const,
    nodeEnv === 'development' ? 'pretty' : 'json',
    {
      ignoreCase: true,
    },
  );
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
