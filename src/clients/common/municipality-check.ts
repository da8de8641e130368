import { MunicipalityRegister } from '../../partners';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { InvalidFields } from '../../shared/commands/request-validation';

/** A person lives in a registered municipality: the rule of a registration and of a move that needs a look-up. */
export async function municipalityProblems(
  municipalities: MunicipalityRegister,
  municipalityId: string,
  invalid: InvalidFields,
): Promise<FieldProblem[]> {
  if (!invalid.ok('municipalityId') || (await municipalities.find(municipalityId))) return [];
  return [{ field: 'municipalityId', message: 'municipalityId must be a registered municipality' }];
}
