import { Global, Inject, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { BlindIndex } from './blind-index';
import { keyEncryptionKey, Keyring } from './keyring';
import { resolvePersonalDataKeys, type PersonalDataKeyMaterial } from './key-material';
import { PersonalDataKeys } from './personal-data-keys';

const KEY_MATERIAL = Symbol('PersonalDataKeyMaterial');

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
export class PersonalDataCryptoModule {
  constructor(@Inject(KEY_MATERIAL) material: PersonalDataKeyMaterial) {
    const logger = new Logger('PersonalData');
    for (const [what, source] of [
      ['key-encryption key', material.kekSource],
      ['blind-index key', material.indexKeySource],
    ] as const) {
      if (source !== 'configured') {
        logger.warn(`Personal-data ${what} ${source}: for development only (docs/privacy.md)`);
      }
    }
  }
}
