import { object, oneOf, type Schema, string } from './event-decoding';

/**
 * Personal data as events carry it: sealed with the person's data key (`{ "$pii": { v, kid, iv, ct, tag } }`,
 * see src/shared/crypto): every capability seals free text about a person this way, with the person's key (subject id = client id). Opaque to the domain; only its shape is known here. Once the key is destroyed, nobody
 * can open it again.
 */
export interface SealedPersonalData {
  readonly $pii: {
    readonly v: 1;
    readonly kid: string;
    readonly iv: string;
    readonly ct: string;
    readonly tag: string;
  };
}

/**
 * The decoding schema of sealed personal data in a stored event: the envelope's shape only. What it seals is opened,
 * and checked, where it is opened, with the person's key.
 */
export const sealedPersonalData: Schema<SealedPersonalData> = object({
  $pii: object({ v: oneOf(1), kid: string, iv: string, ct: string, tag: string }),
});
