import 'reflect-metadata';
import helmet from '@fastify/helmet';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import type { Clock } from './shared/domain/clock';
import { BEARER_SCHEME } from './shared/auth/access.decorators';
import { installAccessLogHook } from './shared/auth/access-log/access-log.hook';
import { describeAccess } from './shared/auth/openapi-access';
import { trackRoutes } from './shared/auth/route-inventory';
import { answerClientError, answerFrameworkError, MAX_URL_LENGTH } from './shared/http/framework-errors';
import { installJsonBodyParser } from './shared/http/json-body';
import { completeDocument } from './shared/http/openapi-examples';
import { ProblemException } from './shared/http/problem-details';
import { RequestParametersInterceptor } from './shared/http/request-parameters';
import { createValidationPipe } from './shared/http/validation';
import { ProblemDetailsFilter } from './shared/http/problem-details.filter';
import { createRootLogger, JsonLogger, requestContext } from './shared/observability/logging';
import { MetricsService } from './shared/observability/metrics.service';
import { requestIdOf } from './shared/observability/request-context';

export interface CreateAppOptions {
  /** Modules added to the app, for tests that need an endpoint of their own. */
  readonly extraModules?: readonly Type[];
  /** The clock the app decides with, for tests that move time; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * Builds the HTTP application (not yet listening): Fastify, problem details for every error, global validation,
 * request ids, latency metrics, security headers, CORS, the access log and the OpenAPI document at /docs.
 * Authentication, roles and rate limits are global guards of the AuthModule.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: requestIdOf,
    // Each route's body limit is set by installJsonBodyParser (docs/adr/0020).
    // Errors raised before any hook runs are problems too, with a request id and the security headers.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Requests are logged by the hook below, which leaves out query strings and bodies.
    logger: false,
    return503OnClosing: true,
    // Per-address rate limits must see the client, not the load balancer.
    trustProxy: typeof config.trustProxy === 'object' ? [...config.trustProxy] : config.trustProxy,
  });
  // Before any route exists: the access matrix test holds every route against its table.
  trackRoutes(adapter.getInstance());
  installJsonBodyParser(adapter.getInstance());
  const logger = new JsonLogger(createRootLogger(config.logLevel));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.extraModules, options.clock),
    adapter,
    {
      logger,
      abortOnError: false,
      // Nest's parsers (JSON and forms) are replaced by installJsonBodyParser's.
      bodyParser: false,
    },
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  installAccessLogHook(app);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key', 'x-request-id'],
      exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id'],
      // Bearer tokens, not cookies: browsers need no credentials mode.
      credentials: false,
      maxAge: 600,
    });
  }

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', (request, _reply, done) => {
    requestContext.run({ requestId: request.id }, done);
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // After the hooks that set the security headers; Node.js itself refuses a request line over 16 KiB (431).
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    if (request.url.length <= MAX_URL_LENGTH) return done(null, payload);
    done(new ProblemException(414, 'URI_TOO_LONG', 'URI too long', 'The URL or one of its path segments is too long.'));
  });
  fastify.addHook('onResponse', async (request, reply) => {
    // The route template, not the URL: paths hold ids, and query strings may hold names.
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.httpRequestDuration.observe(
      { method: request.method, route, status: String(status) },
      reply.elapsedTime / 1000,
    );
    if (route === '/health' || route === '/metrics') return;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    logger.root[level](
      { requestId: request.id, method: request.method, route, status, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request completed',
    );
  });
  await app.register(helmet, {
    // The OpenAPI UI at /docs needs inline scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // TLS ends at the load balancer; on plain HTTP (local compose) upgrading would break the UI's own assets.
        upgradeInsecureRequests: null,
      },
    },
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Onthaal')
      .setDescription(
        'Event-sourced case management for integrated broad intake (GBO) in the W13 region. ' +
          'Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token of the identity provider, or in development one from `npm run token`.',
        },
        BEARER_SCHEME,
      )
      .build(),
  );
  describeAccess(document);
  app.useGlobalInterceptors(new RequestParametersInterceptor(document));
  SwaggerModule.setup('docs', app, completeDocument(document), { jsonDocumentUrl: 'docs-json' });
  return app;
}
