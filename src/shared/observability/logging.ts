import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../../config/app-config';

/** The request being served, for every log line written while serving it. */
export const requestContext = new AsyncLocalStorage<{ readonly requestId: string }>();

export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'onthaal' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Belt and braces: log calls pass identifiers only, but a stray credential must never reach a log.
    redact: {
      paths: ['authorization', '*.authorization', 'password', '*.password', 'token', '*.token'],
      censor: '[redacted]',
    },
  });
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over pino: JSON lines with the Nest context and the current request id.
 * (nestjs-pino's request middleware never runs on Nest 12 with Fastify: middie does not understand the route
 * pattern it registers, so requests are logged from a Fastify hook instead; see app.factory.ts.)
 */
export class JsonLogger implements LoggerService {
  constructor(readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    // Nest passes the logger's context as the last argument, and an error's stack before it.
    const params = [...rest];
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    const fields = { context, requestId: requestContext.getStore()?.requestId, stack };
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      this.root[level]({ ...fields, ...message });
    } else {
      this.root[level](fields, message instanceof Error ? `${message.name}` : String(message));
    }
  }
}

/**
 * What may be logged of an unexpected error: its class, code and stack frames, not its message, which can quote
 * the data that caused it (a database error names the duplicate value, for instance).
 */
export function describeErrorForLog(error: unknown): { error: string; code?: string; frames?: string } {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return { error: error.name, ...(typeof code === 'string' ? { code } : {}), ...(frames ? { frames } : {}) };
}
