/** One invalid field, named by its path in the request. The message never quotes the value. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}
