import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';

/**
 * The buses of @nestjs/cqrs with these handler instances registered, for tests that build a service's parts by
 * hand rather than booting the app. Factories, not values: the bus reads a handler's command from its class.
 */
export async function busesWith(handlers: readonly object[]): Promise<{ commands: CommandBus; queries: QueryBus }> {
  const module = await Test.createTestingModule({
    imports: [CqrsModule.forRoot()],
    providers: handlers.map((handler) => ({ provide: handler.constructor, useFactory: () => handler })),
  }).compile();
  await module.init();
  return { commands: module.get(CommandBus), queries: module.get(QueryBus) };
}
