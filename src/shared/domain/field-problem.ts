/** One invalid field, named by its path in the request. The message never quotes the value. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** One invalid field with everything wrong with it: the path into the request (`address.postcode`, `items[2].type`). */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}
