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
