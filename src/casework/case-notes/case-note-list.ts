import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidInput } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import { CaseNoteRow } from './case-note.row';

/** The case-notes read model (`casework_case_notes`): a trajectory's notes, newest first, and a person's. */
@Injectable()
export class CaseNoteList {
  constructor(private readonly dataSource: DataSource) {}

  async ofTrajectory(
    trajectoryId: string,
    page: { readonly limit?: number; readonly cursor?: string },
  ): Promise<Page<CaseNoteRow>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    if (after && !(isUuid(after.id) && /^\d{1,18}$/.test(after.sortKey))) {
      throw new InvalidInput('INVALID_CURSOR', 'Use the nextCursor of a previous page.');
    }
    const query = this.dataSource
      .getRepository(CaseNoteRow)
      .createQueryBuilder('n')
      .where('n.trajectory_id = :trajectoryId', { trajectoryId })
      .orderBy('n.sequence', 'DESC')
      .limit(limit + 1);
    if (after) query.andWhere('n.sequence < CAST(:sortKey AS bigint)', after);
    const rows = await query.getMany();
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: row.sequence.toString(), id: row.noteId }),
      (row) => row,
    );
  }

  /** Every note about the person, oldest first: for subject access. */
  ofClient(clientId: string): Promise<CaseNoteRow[]> {
    return this.dataSource
      .getRepository(CaseNoteRow)
      .find({ where: { clientId }, order: { trajectoryId: 'ASC', sequence: 'ASC' } });
  }
}
