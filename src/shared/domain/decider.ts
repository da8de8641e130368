/**
 * A decider is the whole behaviour of one stream, as pure functions (docs/adr/0004-deciders.md):
 * `decide` turns a command and the current state into new events or a refusal, `evolve` folds an event into the
 * state, `initialState` is the state of a stream with no events. No framework, no I/O, no clock: the time a
 * command is decided at travels inside the command.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

/** Folds a stream's history into its state. */
export function foldEvents<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
