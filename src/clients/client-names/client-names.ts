import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../shared/domain/calendar';
import { ClientPersonalData } from '../common/client-personal-data';
import type { SealedPersonalData } from '../domain/client.events';
import type { ClientNameView } from './client-name.view';

/**
 * The names of a page of people for one organisation (docs/adr/0027): looked up at read time from the sealed
 * registration in `clients_people`, so no other read model copies a name and erasure needs nothing new. Only the
 * people the organisation may see on `date` (the visibility rule of docs/adr/0013, as `organisationMaySee` applies
 * it, here on the read models) and who are not erased get a name; the others are absent from the map. Two queries a
 * page whatever its size: the rows, then the keys. The caller logs every person whose name it shows.
 *
 * `handedOff`: people the organisation receives an open referral for on their `share_for_referrals` consent (the
 * warm hand-off, docs/adr/0028): named while such a consent holds on `date`.
 */
@Injectable()
export class ClientNames {
  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: ClientPersonalData,
  ) {}

  async visibleTo(
    organisationId: string,
    clientIds: readonly string[],
    date: CalendarDate,
    handedOff: readonly string[] = [],
  ): Promise<Map<string, ClientNameView>> {
    const names = new Map<string, ClientNameView>();
    const ids = [...new Set(clientIds)];
    if (ids.length === 0) return names;
    const rows: { client_id: string; personal_data: SealedPersonalData }[] = await this.dataSource.query(
      `SELECT p.client_id, p.personal_data
         FROM clients_people p
        WHERE p.client_id = ANY($1::uuid[])
          AND p.personal_data IS NOT NULL
          AND p.erased_on IS NULL
          AND (p.registered_by = $2
               OR EXISTS (SELECT 1 FROM clients_consents c
                           WHERE c.client_id = p.client_id
                             AND c.scope = 'share_with_organisation'
                             AND c.organisation_id = $2
                             AND c.valid_from <= $3::date
                             AND (c.valid_until IS NULL OR $3::date <= c.valid_until)
                             AND (c.withdrawn_on IS NULL OR $3::date < c.withdrawn_on))
               OR (p.client_id = ANY($4::uuid[])
                   AND EXISTS (SELECT 1 FROM clients_consents c
                                WHERE c.client_id = p.client_id
                                  AND c.scope = 'share_for_referrals'
                                  AND c.valid_from <= $3::date
                                  AND (c.valid_until IS NULL OR $3::date <= c.valid_until)
                                  AND (c.withdrawn_on IS NULL OR $3::date < c.withdrawn_on))))`,
      [ids, organisationId, date, [...new Set(handedOff)]],
    );
    if (rows.length === 0) return names;
    const keys = await this.personalData.findMany(rows.map((row) => row.client_id));
    for (const row of rows) {
      const key = keys.get(row.client_id);
      if (!key) continue;
      const { givenName, familyName } = this.personalData.openDetails(key, row.personal_data);
      names.set(row.client_id, { givenName, familyName });
    }
    return names;
  }
}
