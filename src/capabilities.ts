import type { Capability } from './shared/capability';
import { partnersCapability } from './partners/partners.capability';
import { clientsCapability } from './clients/clients.capability';
import { intakeCapability } from './intake/intake.capability';
import { referralCapability } from './referral/referral.capability';
import { impactCapability } from './impact/impact.capability';
import { caseworkCapability } from './casework/casework.capability';
import { notificationsCapability } from './notifications/notifications.capability';

/** Every capability, in dependency order. Each issue that adds one adds it here. */
export const capabilities: readonly Capability[] = [
  partnersCapability,
  clientsCapability,
  intakeCapability,
  referralCapability,
  impactCapability,
  caseworkCapability,
  notificationsCapability,
];
