export { PersonalDataCryptoModule } from './crypto.module';
export {
  PersonalDataKeys,
  DataKey,
  shredDataKeys,
  PERSONAL_DATA_KEYS_TABLE,
  type DataKeyStatus,
  type RewrapSummary,
} from './personal-data-keys';
export { PersonalDataKeys1764547200000 } from './personal-data-keys.migration';
export { rewriteTables } from './dead-row-versions';
export { PersonalDataKekGenerations1765065600023 } from './kek-generations.migration';
export {
  recordKekGeneration,
  retireKekGeneration,
  kekGenerations,
  kekAgeSeconds,
  type KekGeneration,
} from './kek-generations';
export { BlindIndex, BLIND_INDEX_KEY_BYTES } from './blind-index';
export { Keyring, keyEncryptionKey, KEY_ENCRYPTION_KEY_BYTES, type KeyEncryptionKey } from './keyring';
export { seal, open, isSealed, type Sealed, type SealedEnvelope, DATA_KEY_BYTES } from './envelope';
export {
  resolvePersonalDataKeys,
  GENERATED_KEK_FILE,
  GENERATED_INDEX_KEY_FILE,
  type PersonalDataKeyMaterial,
  type KeySource,
} from './key-material';
export { PersonalDataUndecryptable, PersonalDataShredded, UnknownKeyEncryptionKey } from './crypto.errors';
// Database helpers, re-exported where callers first found them (the e2e tests import them from here).
export { rowsOf, affectedOf, type SqlRunner } from '../database/sql-runner';
