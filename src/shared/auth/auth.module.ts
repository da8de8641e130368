import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AccessGuard } from './access.guard';
import { AccessLogController } from './access-log/access-log.controller';
import { AccessLog } from './access-log/access-log.service';
import { ReadAccessLogHandler } from './access-log/read-access-log.handler';
import { IpRateLimitGuard, throttlerOptions, UserRateLimitGuard } from './rate-limit.guards';
import { createTokenVerifier } from './create-token-verifier';
import { TOKEN_VERIFIER } from './token-verifier';

/**
 * Authentication, roles, rate limits and the access log (docs/adr/0007-authentication-and-access-control.md).
 * The global guards run in the order listed: the per-address limit, then authentication and roles, then the
 * per-user limit.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => throttlerOptions(config.rateLimits),
    }),
  ],
  controllers: [AccessLogController],
  providers: [
    { provide: TOKEN_VERIFIER, inject: [APP_CONFIG], useFactory: createTokenVerifier },
    AccessLog,
    ReadAccessLogHandler,
    { provide: APP_GUARD, useClass: IpRateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: UserRateLimitGuard },
  ],
  exports: [AccessLog, TOKEN_VERIFIER],
})
export class AuthModule {}
