import { type Decider, foldEvents } from './decider';
import { DomainError } from './domain-error';

/**
 * Given/when/then for decider specifications: `given(decider, history).when(command)` is the events decided, and
 * `.refusalOf(command)` the refusal code (undefined when the command is accepted).
 */
export function given<Command, Event, State>(decider: Decider<Command, Event, State>, history: readonly Event[] = []) {
  const state = foldEvents(decider, history);
  return {
    state,
    when: (command: Command): readonly Event[] => decider.decide(command, state),
    refusalOf(command: Command): string | undefined {
      try {
        decider.decide(command, state);
        return undefined;
      } catch (error) {
        if (error instanceof DomainError) return error.code;
        throw error;
      }
    },
  };
}
