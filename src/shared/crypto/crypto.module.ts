import { Global, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MetricsService } from '../observability/metrics.service';
import { BlindIndex } from './blind-index';
import { kekAgeSeconds, recordKekGeneration } from './kek-generations';
import { keyEncryptionKey, Keyring } from './keyring';
import { resolvePersonalDataKeys, type PersonalDataKeyMaterial } from './key-material';
import { PersonalDataKeys } from './personal-data-keys';

const KEY_MATERIAL = Symbol('PersonalDataKeyMaterial');
const SECONDS_PER_DAY = 86_400;

/**
 * Personal-data encryption for every capability that holds personal data: `PersonalDataKeys` (one data key per
 * person, wrapped by the KEK) and `BlindIndex` (keyed hashes for look-ups). Knows no capability. The
 * `personal_data_keys` table comes from `PersonalDataKeys1764547200000`, which the first capability using this
 * module registers with its migrations (see `src/clients/clients.capability.ts`).
 */
@Global()
@Module({
  providers: [
    {
      provide: KEY_MATERIAL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => resolvePersonalDataKeys(config),
    },
    {
      provide: PersonalDataKeys,
      inject: [KEY_MATERIAL],
      useFactory: (material: PersonalDataKeyMaterial) =>
        new PersonalDataKeys(
          new Keyring(
            keyEncryptionKey(material.kek),
            material.previousKek === undefined ? undefined : keyEncryptionKey(material.previousKek),
          ),
        ),
    },
    {
      provide: BlindIndex,
      inject: [KEY_MATERIAL],
      useFactory: (material: PersonalDataKeyMaterial) => new BlindIndex(material.indexKey),
    },
  ],
  exports: [PersonalDataKeys, BlindIndex],
})
export class PersonalDataCryptoModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('PersonalData');

  constructor(
    @Inject(KEY_MATERIAL) material: PersonalDataKeyMaterial,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
  ) {
    const logger = this.logger;
    for (const [what, source] of [
      ['key-encryption key', material.kekSource],
      ['blind-index key', material.indexKeySource],
    ] as const) {
      if (source !== 'configured') {
        logger.warn(`Personal-data ${what} ${source}: for development only (docs/privacy.md)`);
      }
    }
  }

  /**
   * Records the current KEK's generation (its first use) and reports its age: a log warning at start when rotation
   * is due, and two gauges for alerting (docs/privacy.md, "The erasure horizon").
   */
  async onApplicationBootstrap(): Promise<void> {
    const kekId = this.keys.keyring.current.id;
    const rotationSeconds = this.config.personalData.kekRotationDays * SECONDS_PER_DAY;
    await recordKekGeneration(this.dataSource, kekId);
    const age = await kekAgeSeconds(this.dataSource, kekId);
    if (age !== undefined && age > rotationSeconds) {
      this.logger.warn(
        `Personal-data key-encryption key ${kekId} is ${Math.floor(age / SECONDS_PER_DAY)} days old, past ` +
          `PERSONAL_DATA_KEK_ROTATION_DAYS (${this.config.personalData.kekRotationDays}): rotate it (docs/privacy.md)`,
      );
    }
    const dataSource = this.dataSource;
    new Gauge({
      name: 'onthaal_personal_data_kek_age_seconds',
      help: 'Time since the current key-encryption key was first used',
      registers: [this.metrics.registry],
      async collect() {
        const seconds = await kekAgeSeconds(dataSource, kekId).catch(() => undefined);
        if (seconds !== undefined) this.set(seconds);
      },
    });
    new Gauge({
      name: 'onthaal_personal_data_kek_rotation_due',
      help: '1 when the current key-encryption key is older than PERSONAL_DATA_KEK_ROTATION_DAYS',
      registers: [this.metrics.registry],
      async collect() {
        const seconds = await kekAgeSeconds(dataSource, kekId).catch(() => undefined);
        if (seconds !== undefined) this.set(seconds > rotationSeconds ? 1 : 0);
      },
    });
  }
}
