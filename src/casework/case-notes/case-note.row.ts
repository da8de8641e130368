import { Column, Entity, PrimaryColumn } from 'typeorm';
import { revisionColumn } from '../../shared/database/revision-column';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import { ProjectedRow } from '../../shared/projections';

/**
 * One case note, for the trajectory's list. The text stays sealed with the person's key, as in the event: erasure
 * destroys the key, and with it every copy (docs/adr/0030).
 */
@Entity('casework_case_notes')
export class CaseNoteRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'note_id' }) noteId!: string;
  @Column('uuid', { name: 'trajectory_id' }) trajectoryId!: string;
  @Column('uuid', { name: 'client_id' }) clientId!: string;
  @Column('text', { name: 'organisation_id' }) organisationId!: string;
  @Column('text', { name: 'author_id' }) authorId!: string;
  /** ISO-8601, as the event has it. */
  @Column('text', { name: 'written_at' }) writtenAt!: string;
  /** The note's revision in the trajectory's notes stream: the list's order (newest first), whatever the clocks. */
  @Column('bigint', { transformer: revisionColumn }) sequence!: bigint;
  @Column('jsonb') text!: SealedPersonalData;
}
