/** The body of a command that takes none: an empty object, or nothing; any field is refused (docs/adr/0020). */
export class EmptyRequest {}
