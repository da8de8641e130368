import type { Capability } from '../shared/capability';
import { Notifications1796900000001 } from './notification-inbox/notifications.migration';
import { notificationsProjection } from './notification-inbox/notifications.projection';
import { NotificationsModule } from './notifications.module';

/** The notifications capability as the composition root registers it (`src/capabilities.ts`). */
export const notificationsCapability: Capability = {
  module: NotificationsModule,
  migrations: [Notifications1796900000001],
  entities: [],
  projections: [notificationsProjection],
};
