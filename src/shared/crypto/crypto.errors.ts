/**
 * Errors of personal-data encryption. Their messages name subjects by id and keys by key id only: never a value,
 * never key material, since they reach logs.
 */

/** A sealed value could not be opened: it was altered, sealed for another subject or field, or the key is wrong. */
export class PersonalDataUndecryptable extends Error {
  constructor(readonly subjectId: string) {
    super(`Personal data of subject ${subjectId} could not be decrypted (altered, misplaced or wrong key)`);
    this.name = 'PersonalDataUndecryptable';
  }
}

/** The subject's data key was destroyed (crypto-shredding): their sealed data is gone for good. */
export class PersonalDataShredded extends Error {
  constructor(readonly subjectId: string) {
    super(`The data key of subject ${subjectId} has been destroyed`);
    this.name = 'PersonalDataShredded';
  }
}

/** A data key is wrapped by a key-encryption key this process was not given (rotation half done?). */
export class UnknownKeyEncryptionKey extends Error {
  constructor(readonly kekId: string) {
    super(
      `A data key is wrapped by key-encryption key ${kekId}, which is neither PERSONAL_DATA_KEK nor ` +
        'PERSONAL_DATA_KEK_PREVIOUS (docs/privacy.md, "Rotating the key-encryption key")',
    );
    this.name = 'UnknownKeyEncryptionKey';
  }
}
