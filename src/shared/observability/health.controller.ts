import { Controller, Get, HttpCode, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store';
import { TRANSACTION_HORIZON, type TransactionHorizonMonitor } from '../event-store/postgres/transaction-horizon';
import { Public } from '../auth/access.decorators';
import { ProblemException } from '../http/problem-details';
import { ProjectionRunner } from '../projections/projection-runner';

export interface ReadinessCheck {
  readonly name: 'database' | 'eventStore' | 'eventStoreHorizon' | 'projections';
  readonly status: 'up' | 'down';
  /** Why it is down: a reason for operators, never data. */
  readonly reason?: string;
}

const CHECK_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly projections?: ProjectionRunner,
    @Optional() @Inject(TRANSACTION_HORIZON) private readonly horizon?: TransactionHorizonMonitor | null,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers HTTP' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database and the event store answer, and no projection is failing',
    description:
      'A 503 problem (code NOT_READY) names each check that is down, with its reason, in `detail`. With the ' +
      'PostgreSQL event store, `eventStoreHorizon` is down while a transaction holding a transaction id anywhere on ' +
      'the server has held back event delivery longer than `HORIZON_HELD_MAX_SECONDS`; its reason names the session.',
  })
  @ApiOkResponse({ schema: { example: { status: 'ready', checks: [{ name: 'database', status: 'up' }] } } })
  @ApiServiceUnavailableResponse({ description: 'Problem details with code NOT_READY' })
  async ready(): Promise<{ status: 'ready'; checks: ReadinessCheck[] }> {
    const horizon = this.horizon;
    const checks = await Promise.all([
      check('database', () => this.dataSource.query('SELECT 1')),
      check('eventStore', () => this.eventStore.ping()),
      check('projections', () => this.projectionsHealthy()),
      ...(horizon ? [check('eventStoreHorizon', () => horizon.assertNotHeldTooLong())] : []),
    ]);
    const down = checks.filter((candidate) => candidate.status === 'down');
    if (down.length > 0) {
      const detail = down.map((candidate) => `${candidate.name}: ${candidate.reason ?? 'down'}`).join('; ');
      throw new ProblemException(503, 'NOT_READY', 'The service is not ready', detail);
    }
    return { status: 'ready', checks };
  }

  private projectionsHealthy(): Promise<void> {
    if (!this.config.projectionsEnabled || !this.projections) return Promise.resolve();
    const failing = this.projections
      .status()
      .filter((projection) => projection.status === 'failing' || projection.status === 'stopped');
    if (failing.length > 0) {
      return Promise.reject(
        new Error(failing.map((projection) => `${projection.name} ${projection.status}`).join(', ')),
      );
    }
    return Promise.resolve();
  }
}

async function check(name: ReadinessCheck['name'], probe: () => Promise<unknown>): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { name, status: 'up' };
  } catch (error) {
    return { name, status: 'down', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
