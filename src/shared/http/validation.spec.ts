import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { InvalidInput } from '../domain/domain-error';
import { createValidationPipe } from './validation';

class Address {
  @IsString()
  street!: string;

  @IsString()
  municipality!: string;
}

class Assessment {
  @IsIn(['finances', 'housing'])
  domain!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;

  @ValidateNested({ each: true })
  @Type(() => Address)
  previous!: Address[];
}

async function validate(body: unknown): Promise<unknown> {
  return createValidationPipe().transform(body, { type: 'body', metatype: Assessment });
}

describe('the global validation pipe', () => {
  it('accepts a valid body and converts it to the DTO', async () => {
    const result = await validate({
      domain: 'housing',
      score: 3,
      address: { street: 'Grote Markt 1', municipality: 'Kortrijk' },
      previous: [],
    });
    expect(result).toBeInstanceOf(Assessment);
  });

  it('lists every invalid field, nested ones by their path, and counts unknown fields without naming them', async () => {
    const error = await validate({
      domain: 'weather',
      score: 9,
      address: { street: 12, unexpectedToo: 1 },
      previous: [{ street: 'a', municipality: 'b' }, { street: 'c' }],
      unexpected: true,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInput);
    const problem = error as InvalidInput;
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.fields?.map((field) => field.field).sort()).toEqual([
      '(unknown fields)',
      'address',
      'address.municipality',
      'address.street',
      'domain',
      'previous[1].municipality',
      'score',
    ]);
    expect(problem.fields?.find((field) => field.field === 'address')?.messages).toEqual([
      '1 unknown field is not allowed',
    ]);
    expect(JSON.stringify(problem.fields)).not.toContain('unexpected');
    expect(problem.fields?.find((field) => field.field === 'score')?.messages).toEqual([
      'score must not be greater than 5',
    ]);
  });

  it('never echoes the rejected values', async () => {
    const error = (await validate({ domain: 'Jan Peeters', score: 1, address: {}, previous: [] }).catch(
      (caught: unknown) => caught,
    )) as InvalidInput;
    expect(JSON.stringify(error.fields)).not.toContain('Jan Peeters');
  });
});
