import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import type { RateLimitConfig } from '../../config/app-config';
import { rateLimited } from './access-problems';
import type { AuthenticatedUser } from './authenticated-user';

const PER_IP = 'ip';
const PER_USER = 'user';

/**
 * Two limits over one window: per client address (`request.ip`, which honours `TRUST_PROXY`) and per authenticated
 * user, each counted across all routes. Counts live in the memory of each replica.
 */
export function throttlerOptions(limits: RateLimitConfig): ThrottlerModuleOptions {
  const ttl = limits.windowSeconds * 1000;
  return {
    // Retry-After only, on a 429; X-RateLimit-* headers per named limit would tell scanners little but cost bytes.
    setHeaders: false,
    throttlers: [
      // The library's own tracker: `request.ip`, IPv6 addresses grouped by /64 (one host holds a whole /64).
      { name: PER_IP, ttl, limit: limits.perIp },
      {
        name: PER_USER,
        ttl,
        limit: limits.perUser,
        getTracker: (request: { user?: AuthenticatedUser }) => request.user?.userId ?? '',
      },
    ],
  };
}

/** `@nestjs/throttler`'s guard for one of the named limits, keyed across routes, answering 429 problem details. */
abstract class RateLimitGuard extends ThrottlerGuard {
  protected abstract readonly limitName: string;

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.throttler.name !== this.limitName) return true;
    return super.handleRequest(request);
  }

  /** One count per caller for the whole API, not one per route as the library's default key gives. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(seconds));
    return Promise.reject(rateLimited(seconds));
  }
}

/** Runs before authentication, so that a flood of bad tokens is limited too. */
@Injectable()
export class IpRateLimitGuard extends RateLimitGuard {
  protected readonly limitName = PER_IP;
}

/** Runs after authentication; public routes (no user) are limited per address only. */
@Injectable()
export class UserRateLimitGuard extends RateLimitGuard {
  protected readonly limitName = PER_USER;

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user === undefined);
  }
}
