import type { Params } from 'nestjs-pino';
import type { LogLevel } from '../../config/app-config';
import { requestIdOf } from './request-context';

/**
 * Structured JSON logs. Request bodies are never logged; headers that carry credentials are redacted; URLs are
 * logged without their query string (a search by name would otherwise put a name in the log).
 */
export function loggerParams(level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      genReqId: (request) => requestIdOf(request),
      customAttributeKeys: { reqId: 'requestId' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}
